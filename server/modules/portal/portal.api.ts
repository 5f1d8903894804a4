// What the portal uses of other modules (only their api.ts), and what it offers: nothing yet —
// other modules' records reach the portal as drafts it makes from their read APIs.
import type { AppealsApi } from "../appeals/appeals.api.js";
import type { PartyApi } from "../party/party.api.js";
import type { ProjectsApi } from "../projects/projects.api.js";
import type { ReportsApi } from "../reports/reports.api.js";

export type PortalCollaborators = { appeals: AppealsApi; projects: ProjectsApi; party: PartyApi; reports: ReportsApi };

/** Other modules may ask which of their records have been disclosed (by source). */
export type PortalApi = {
  disclosedSources: (communityId: string, module: string) => Promise<Array<{ kind: string; id: string; itemId: string; status: string }>>;
};
