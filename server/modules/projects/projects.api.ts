import type { TPublicProject, TPublicProjectDetail } from "../../../contracts/projects.js";

/**
 * What other modules may use of 民生微实事: a read API of what the public sees (each project's
 * stage, budget and spend, progress with photos, acceptance, survey) for the 三务公开 portal.
 * Nothing personal: proposers, objectors and vouchers are not in it.
 */
export type ProjectsApi = {
  /** A community's projects, every stage (DOMAIN.md §7: all stages are published), newest first. */
  publicList: (communityId: string) => Promise<TPublicProject[]>;
  /** One project: its steps, progress reports with photo file ids, acceptance and survey result. */
  publicDetail: (projectId: string) => Promise<TPublicProjectDetail>;
};
