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
  /** A community's payments (not voided) paid in [from, to]: project, day, amount in fen, payee; no voucher. */
  publicPayments: (
    communityId: string,
    from: string,
    to: string,
  ) => Promise<Array<{ projectId: string; projectCode: string; projectTitle: string; paidOn: string; amountFen: number; payee: string }>>;
};
