// Generated from the server's routes by scripts/gen-api.ts (npm run gen:api); do not edit.
// server/typed-client.unit.test.ts fails when it is out of date.
import type { z } from "zod";
import type * as C_activities from "../../contracts/activities";
import type * as C_alerts from "../../contracts/alerts";
import type * as C_appeals from "../../contracts/appeals";
import type * as C_care from "../../contracts/care";
import type * as C_map from "../../contracts/map";
import type * as C_massorgs from "../../contracts/massorgs";
import type * as C_party from "../../contracts/party";
import type * as C_patrol from "../../contracts/patrol";
import type * as C_pipl from "../../contracts/pipl";
import type * as C_platform from "../../contracts/platform";
import type * as C_portal from "../../contracts/portal";
import type * as C_projects from "../../contracts/projects";
import type * as C_reports from "../../contracts/reports";
import type * as C_safety from "../../contracts/safety";
import type * as C_screen from "../../contracts/screen";
import type * as C_security from "../../contracts/security";
import type * as C_volunteers from "../../contracts/volunteers";

type Params = Record<string, string | number | boolean | null | undefined>;

export type Operations = {
  acceptProject: { method: "POST"; path: "/api/projects/:id/accept"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZAccept>; response: z.output<typeof C_projects.ZProjectDetail> };
  activatePatrolPlan: { method: "POST"; path: "/api/patrol/plans/:id/activate"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZPlan> };
  activityCheckinQr: { method: "GET"; path: "/api/activities/:id/qr"; params: { id: string }; query: Params; body: never; response: unknown };
  activityImportTemplate: { method: "GET"; path: "/api/activities/import/template"; params: never; query: Params; body: never; response: unknown };
  addDisputeFollowup: { method: "POST"; path: "/api/safety/disputes/:id/followups"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZFollowup>; response: z.output<typeof C_safety.ZDispute> };
  addMassOrgMember: { method: "POST"; path: "/api/massorgs/orgs/:id/members"; params: { id: string }; query: Params; body: z.input<typeof C_massorgs.ZMemberCreate>; response: z.output<typeof C_massorgs.ZMassOrgDetail> };
  addMediationSession: { method: "POST"; path: "/api/safety/disputes/:id/sessions"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZSession>; response: z.output<typeof C_safety.ZDispute> };
  addNightPatrolFinding: { method: "POST"; path: "/api/volunteers/night-patrols/:id/findings"; params: { id: string }; query: Params; body: z.input<typeof C_volunteers.ZFinding>; response: z.output<typeof C_volunteers.ZNightPatrolDetail> };
  addPartnerUnit: { method: "POST"; path: "/api/activities/partners"; params: never; query: Params; body: z.input<typeof C_activities.ZPartnerCreate>; response: unknown };
  addVenueRoom: { method: "POST"; path: "/api/activities/venues/:id/rooms"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZRoomCreate>; response: unknown };
  addVolunteerTeamMember: { method: "POST"; path: "/api/volunteers/teams/:id/members"; params: { id: string }; query: Params; body: z.input<typeof C_volunteers.ZMemberAdd>; response: z.output<typeof C_volunteers.ZTeam> };
  annualReport: { method: "GET"; path: "/api/reports/annual/:year"; params: { year: string }; query: Params; body: never; response: unknown };
  annualReportChanges: { method: "GET"; path: "/api/reports/annual/:year/changes"; params: { year: string }; query: Params; body: never; response: unknown };
  annualReportExports: { method: "GET"; path: "/api/reports/exports"; params: never; query: Params; body: never; response: unknown };
  annualReportLife: { method: "GET"; path: "/api/reports/annual/:year/life"; params: { year: string }; query: Params; body: never; response: z.output<typeof C_reports.ZReportLife> };
  annualReportNewVersion: { method: "POST"; path: "/api/reports/annual/:year/versions"; params: { year: string }; query: Params; body: never; response: z.output<typeof C_reports.ZReportLife> };
  annualReportPublished: { method: "GET"; path: "/api/reports/annual/:year/published"; params: { year: string }; query: Params; body: never; response: z.output<typeof C_reports.ZAnnualReport> };
  annualReportStep: { method: "POST"; path: "/api/reports/annual/:year/steps"; params: { year: string }; query: Params; body: unknown; response: z.output<typeof C_reports.ZReportLife> };
  annualReportTemplate: { method: "GET"; path: "/api/reports/annual/:year/template"; params: { year: string }; query: Params; body: never; response: z.output<typeof C_reports.ZTemplateAnswer> };
  anonymisePiplPerson: { method: "POST"; path: "/api/pipl/requests/:id/anonymise"; params: { id: string }; query: Params; body: z.input<typeof C_pipl.ZPiplAnonymise>; response: z.output<typeof C_pipl.ZPiplAnonymiseResult> };
  answerPiplRequest: { method: "POST"; path: "/api/pipl/requests/:id/answer"; params: { id: string }; query: Params; body: z.input<typeof C_pipl.ZPiplAnswer>; response: z.output<typeof C_pipl.ZPiplRequest> };
  appealDuplicates: { method: "GET"; path: "/api/appeals/duplicates"; params: never; query: Params; body: never; response: unknown };
  appealHandlers: { method: "GET"; path: "/api/appeals/handlers"; params: never; query: Params; body: never; response: unknown };
  appealImportFields: { method: "GET"; path: "/api/appeals/import/fields"; params: never; query: Params; body: never; response: unknown };
  appealImportTemplate: { method: "GET"; path: "/api/appeals/import/template"; params: never; query: Params; body: never; response: unknown };
  appealInbox: { method: "GET"; path: "/api/appeals/inbox"; params: never; query: z.input<typeof C_appeals.ZAppealQuery>; body: never; response: unknown };
  applyBrandProject: { method: "POST"; path: "/api/massorgs/brand-projects/:id/applications"; params: { id: string }; query: Params; body: z.input<typeof C_massorgs.ZApplicationCreate>; response: z.output<typeof C_massorgs.ZApplication> };
  appraisePartyMember: { method: "POST"; path: "/api/party/members/:id/appraisal"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZAppraisal>; response: z.output<typeof C_party.ZMember> };
  approvePartyStep: { method: "POST"; path: "/api/party/applicants/:id/approve"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZStepRecord>; response: unknown };
  approvePortalItem: { method: "POST"; path: "/api/portal/items/:id/approve"; params: { id: string }; query: Params; body: z.input<typeof C_portal.ZApprove>; response: z.output<typeof C_portal.ZItemDetail> };
  approveProject: { method: "POST"; path: "/api/projects/:id/approve"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZApprove>; response: z.output<typeof C_projects.ZProjectDetail> };
  archiveCareHousehold: { method: "POST"; path: "/api/care/households/:id/archive"; params: { id: string }; query: Params; body: z.input<typeof C_care.ZHouseholdArchive>; response: z.output<typeof C_care.ZHouseholdDetail> };
  archivePatrolTeam: { method: "POST"; path: "/api/patrol/teams/:id/archive"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZTeam> };
  assignHazard: { method: "POST"; path: "/api/safety/hazards/:id/assign"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZHazardAssign>; response: z.output<typeof C_safety.ZHazard> };
  bookRoom: { method: "POST"; path: "/api/activities/bookings"; params: never; query: Params; body: z.input<typeof C_activities.ZBookingCreate>; response: unknown };
  brandApplicationResult: { method: "POST"; path: "/api/massorgs/applications/:id/result"; params: { id: string }; query: Params; body: z.input<typeof C_massorgs.ZApplicationResult>; response: z.output<typeof C_massorgs.ZApplication> };
  brandProjectImportTemplate: { method: "GET"; path: "/api/massorgs/brand-projects/import/template"; params: never; query: Params; body: never; response: unknown };
  cancelActivity: { method: "POST"; path: "/api/activities/:id/cancel"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZCancel>; response: unknown };
  cancelActivitySignup: { method: "POST"; path: "/api/activities/signups/:id/cancel"; params: { id: string }; query: Params; body: never; response: unknown };
  cancelHazard: { method: "POST"; path: "/api/safety/hazards/:id/cancel"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZHazardCancel>; response: z.output<typeof C_safety.ZHazard> };
  cancelProject: { method: "POST"; path: "/api/projects/:id/cancel"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZCancel>; response: z.output<typeof C_projects.ZProjectDetail> };
  cancelRoomBooking: { method: "POST"; path: "/api/activities/bookings/:id/cancel"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZCancel>; response: unknown };
  careDifficultyKinds: { method: "GET"; path: "/api/care/kinds"; params: never; query: Params; body: never; response: unknown };
  careHouseholdImportTemplate: { method: "GET"; path: "/api/care/households/import/template"; params: never; query: Params; body: never; response: unknown };
  careVisitImportTemplate: { method: "GET"; path: "/api/care/visits/import/template"; params: never; query: Params; body: never; response: unknown };
  certifyPartyPost: { method: "POST"; path: "/api/party/posts/:id/certify"; params: { id: string }; query: Params; body: unknown; response: unknown };
  changePassword: { method: "POST"; path: "/api/auth/password"; params: never; query: Params; body: unknown; response: unknown };
  checkPiplErasure: { method: "GET"; path: "/api/pipl/requests/:id/check"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_pipl.ZPiplCheck> };
  closeAppeal: { method: "POST"; path: "/api/appeals/:id/close"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZClose>; response: z.output<typeof C_appeals.ZAppealDetail> };
  closeCareFollowUp: { method: "POST"; path: "/api/care/follow-ups/:id/close"; params: { id: string }; query: Params; body: z.input<typeof C_care.ZFollowUpClose>; response: z.output<typeof C_care.ZHouseholdDetail> };
  closeDispute: { method: "POST"; path: "/api/safety/disputes/:id/close"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZDisputeClose>; response: z.output<typeof C_safety.ZDispute> };
  closeHazard: { method: "POST"; path: "/api/safety/hazards/:id/close"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZHazardClose>; response: z.output<typeof C_safety.ZHazard> };
  compareCommunities: { method: "GET"; path: "/api/workbench/compare"; params: never; query: z.input<typeof C_alerts.ZCompareQuery>; body: never; response: z.output<typeof C_alerts.ZCompare> };
  confirmVolunteerRecord: { method: "POST"; path: "/api/volunteers/records/:id/confirm"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_volunteers.ZRecord> };
  contactAppellant: { method: "POST"; path: "/api/appeals/:id/contact"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZNote>; response: z.output<typeof C_appeals.ZAppealDetail> };
  correctPiplPerson: { method: "POST"; path: "/api/pipl/requests/:id/correct"; params: { id: string }; query: Params; body: z.input<typeof C_pipl.ZPiplCorrection>; response: z.output<typeof C_pipl.ZPiplRequest> };
  correctPortalItem: { method: "POST"; path: "/api/portal/items/:id/correct"; params: { id: string }; query: Params; body: z.input<typeof C_portal.ZItemEdit>; response: z.output<typeof C_portal.ZItemDetail> };
  correctVolunteerRecord: { method: "POST"; path: "/api/volunteers/records/:id/correct"; params: { id: string }; query: Params; body: z.input<typeof C_volunteers.ZCorrection>; response: z.output<typeof C_volunteers.ZRecord> };
  countNotifications: { method: "GET"; path: "/api/notifications/count"; params: never; query: Params; body: never; response: unknown };
  createActivity: { method: "POST"; path: "/api/activities"; params: never; query: Params; body: z.input<typeof C_activities.ZActivityCreate>; response: unknown };
  createActivitySeries: { method: "POST"; path: "/api/activities/series"; params: never; query: Params; body: z.input<typeof C_activities.ZSeriesCreate>; response: unknown };
  createAppealCategory: { method: "POST"; path: "/api/appeals/categories"; params: never; query: Params; body: z.input<typeof C_appeals.ZCategoryCreate>; response: z.output<typeof C_appeals.ZCategory> };
  createBoardMember: { method: "POST"; path: "/api/party/boards"; params: never; query: Params; body: z.input<typeof C_party.ZBoardCreate>; response: unknown };
  createBrandProject: { method: "POST"; path: "/api/massorgs/brand-projects"; params: never; query: Params; body: z.input<typeof C_massorgs.ZBrandProjectCreate>; response: z.output<typeof C_massorgs.ZMassOrgDetail> };
  createCareHousehold: { method: "POST"; path: "/api/care/households"; params: never; query: Params; body: z.input<typeof C_care.ZHouseholdCreate>; response: z.output<typeof C_care.ZHouseholdDetail> };
  createDispute: { method: "POST"; path: "/api/safety/disputes"; params: never; query: Params; body: z.input<typeof C_safety.ZDisputeCreate>; response: z.output<typeof C_safety.ZDispute> };
  createHazard: { method: "POST"; path: "/api/safety/hazards"; params: never; query: Params; body: z.input<typeof C_safety.ZHazardCreate>; response: z.output<typeof C_safety.ZHazard> };
  createInspection: { method: "POST"; path: "/api/safety/inspections"; params: never; query: Params; body: z.input<typeof C_safety.ZInspectionCreate>; response: z.output<typeof C_safety.ZInspection> };
  createNightPatrol: { method: "POST"; path: "/api/volunteers/night-patrols"; params: never; query: Params; body: z.input<typeof C_volunteers.ZNightPatrolCreate>; response: z.output<typeof C_volunteers.ZNightPatrolDetail> };
  createOpen311Key: { method: "POST"; path: "/api/appeals/open311-keys"; params: never; query: Params; body: unknown; response: unknown };
  createOrganisation: { method: "POST"; path: "/api/organisations"; params: never; query: Params; body: z.input<typeof C_platform.ZOrgCreate>; response: z.output<typeof C_platform.ZOrg> };
  createPartyApplicant: { method: "POST"; path: "/api/party/applicants"; params: never; query: Params; body: z.input<typeof C_party.ZApplicantCreate>; response: z.output<typeof C_party.ZApplicantDetail> };
  createPartyElection: { method: "POST"; path: "/api/party/elections"; params: never; query: Params; body: z.input<typeof C_party.ZElectionCreate>; response: unknown };
  createPartyMeeting: { method: "POST"; path: "/api/party/meetings"; params: never; query: Params; body: z.input<typeof C_party.ZMeetingCreate>; response: z.output<typeof C_party.ZMeeting> };
  createPartyMember: { method: "POST"; path: "/api/party/members"; params: never; query: Params; body: z.input<typeof C_party.ZMemberCreate>; response: z.output<typeof C_party.ZMember> };
  createPartyOrg: { method: "POST"; path: "/api/party/orgs"; params: never; query: Params; body: z.input<typeof C_party.ZPartyOrgCreate>; response: unknown };
  createPartyPost: { method: "POST"; path: "/api/party/posts"; params: never; query: Params; body: z.input<typeof C_party.ZPostCreate>; response: unknown };
  createPatrolPlan: { method: "POST"; path: "/api/patrol/plans"; params: never; query: Params; body: z.input<typeof C_patrol.ZPlanCreate>; response: z.output<typeof C_patrol.ZPlan> };
  createPatrolPoint: { method: "POST"; path: "/api/patrol/points"; params: never; query: Params; body: z.input<typeof C_patrol.ZPointCreate>; response: z.output<typeof C_patrol.ZPoint> };
  createPatrolTeam: { method: "POST"; path: "/api/patrol/teams"; params: never; query: Params; body: z.input<typeof C_patrol.ZTeamCreate>; response: z.output<typeof C_patrol.ZTeam> };
  createPerson: { method: "POST"; path: "/api/people"; params: never; query: Params; body: z.input<typeof C_platform.ZPersonCreate>; response: z.output<typeof C_platform.ZPerson> };
  createPiplRequest: { method: "POST"; path: "/api/pipl/requests"; params: never; query: Params; body: z.input<typeof C_pipl.ZPiplRequestCreate>; response: z.output<typeof C_pipl.ZPiplRequest> };
  createRegion: { method: "POST"; path: "/api/regions"; params: never; query: Params; body: z.input<typeof C_platform.ZRegionCreate>; response: z.output<typeof C_platform.ZRegion> };
  createSafetyPlace: { method: "POST"; path: "/api/safety/places"; params: never; query: Params; body: z.input<typeof C_safety.ZPlaceCreate>; response: z.output<typeof C_safety.ZPlace> };
  createScreenLink: { method: "POST"; path: "/api/screen/links"; params: never; query: Params; body: z.input<typeof C_screen.ZScreenLinkCreate>; response: z.output<typeof C_screen.ZScreenLinkMade> };
  createUser: { method: "POST"; path: "/api/users"; params: never; query: Params; body: z.input<typeof C_platform.ZUserCreate>; response: z.output<typeof C_platform.ZUser> };
  createVenue: { method: "POST"; path: "/api/activities/venues"; params: never; query: Params; body: z.input<typeof C_activities.ZVenueCreate>; response: unknown };
  createVolunteer: { method: "POST"; path: "/api/volunteers"; params: never; query: Params; body: z.input<typeof C_volunteers.ZVolunteerCreate>; response: z.output<typeof C_volunteers.ZVolunteer> };
  createVolunteerRecord: { method: "POST"; path: "/api/volunteers/records"; params: never; query: Params; body: z.input<typeof C_volunteers.ZRecordCreate>; response: z.output<typeof C_volunteers.ZRecord> };
  createVolunteerTeam: { method: "POST"; path: "/api/volunteers/teams"; params: never; query: Params; body: z.input<typeof C_volunteers.ZTeamCreate>; response: z.output<typeof C_volunteers.ZTeam> };
  decideAnnualReportFinding: { method: "PUT"; path: "/api/reports/annual/:year/findings/:id"; params: { year: string; id: string }; query: Params; body: z.input<typeof C_reports.ZFindingDecision>; response: unknown };
  decideAppealExtension: { method: "POST"; path: "/api/appeals/:id/extension/decide"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZExtensionDecision>; response: z.output<typeof C_appeals.ZAppealDetail> };
  dispatchAppeal: { method: "POST"; path: "/api/appeals/:id/dispatch"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZDispatch>; response: z.output<typeof C_appeals.ZAppealDetail> };
  disputesImportTemplate: { method: "GET"; path: "/api/safety/disputes/import/template"; params: never; query: Params; body: never; response: unknown };
  downloadFile: { method: "GET"; path: "/api/files/:id"; params: { id: string }; query: Params; body: never; response: unknown };
  draftPortalItems: { method: "POST"; path: "/api/portal/drafts"; params: never; query: Params; body: unknown; response: unknown };
  editPortalItem: { method: "PATCH"; path: "/api/portal/items/:id"; params: { id: string }; query: Params; body: z.input<typeof C_portal.ZItemEdit>; response: z.output<typeof C_portal.ZItemDetail> };
  endBoardMember: { method: "POST"; path: "/api/party/boards/:id/end"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZBoardEnd>; response: unknown };
  endPartyPost: { method: "POST"; path: "/api/party/posts/:id/end"; params: { id: string }; query: Params; body: unknown; response: unknown };
  endSession: { method: "POST"; path: "/api/security/sessions/:id/end"; params: { id: string }; query: Params; body: never; response: unknown };
  escalateDispute: { method: "POST"; path: "/api/safety/disputes/:id/escalate"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZEscalate>; response: z.output<typeof C_safety.ZDispute> };
  escalateOverdueHazards: { method: "POST"; path: "/api/safety/hazards/escalate-overdue"; params: never; query: Params; body: never; response: unknown };
  evaluateProject: { method: "POST"; path: "/api/projects/:id/evaluate"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZEvaluate>; response: z.output<typeof C_projects.ZProjectDetail> };
  exportActivities: { method: "GET"; path: "/api/activities/export"; params: never; query: z.input<typeof C_activities.ZActivityQuery>; body: never; response: unknown };
  exportAppeals: { method: "GET"; path: "/api/appeals/export"; params: never; query: Params; body: never; response: unknown };
  exportBrandProjects: { method: "GET"; path: "/api/massorgs/brand-projects/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  exportCareHouseholds: { method: "GET"; path: "/api/care/households/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  exportCareVisits: { method: "GET"; path: "/api/care/visits/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  exportDisputes: { method: "GET"; path: "/api/safety/disputes/export"; params: never; query: z.input<typeof C_safety.ZDisputeQuery>; body: never; response: unknown };
  exportHazards: { method: "GET"; path: "/api/safety/hazards/export"; params: never; query: z.input<typeof C_safety.ZHazardQuery>; body: never; response: unknown };
  exportInspections: { method: "GET"; path: "/api/safety/inspections/export"; params: never; query: z.input<typeof C_safety.ZInspectionQuery>; body: never; response: unknown };
  exportMassOrgMembers: { method: "GET"; path: "/api/massorgs/members/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  exportNominations: { method: "GET"; path: "/api/massorgs/nominations/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  exportOrganisations: { method: "GET"; path: "/api/organisations/export"; params: never; query: Params; body: never; response: unknown };
  exportPartyApplicants: { method: "GET"; path: "/api/party/applicants/export"; params: never; query: Params; body: never; response: unknown };
  exportPartyElections: { method: "GET"; path: "/api/party/elections/export"; params: never; query: Params; body: never; response: unknown };
  exportPartyMeetings: { method: "GET"; path: "/api/party/meetings/export"; params: never; query: Params; body: never; response: unknown };
  exportPartyMembers: { method: "GET"; path: "/api/party/members/export"; params: never; query: Params; body: never; response: unknown };
  exportPartyOrgs: { method: "GET"; path: "/api/party/orgs/export"; params: never; query: Params; body: never; response: unknown };
  exportPartyPosts: { method: "GET"; path: "/api/party/posts/export"; params: never; query: Params; body: never; response: unknown };
  exportPatrolCheckins: { method: "GET"; path: "/api/patrol/checkins/export"; params: never; query: Params; body: never; response: unknown };
  exportPatrolPlans: { method: "GET"; path: "/api/patrol/plans/export"; params: never; query: Params; body: never; response: unknown };
  exportPatrolPoints: { method: "GET"; path: "/api/patrol/points/export"; params: never; query: Params; body: never; response: unknown };
  exportPeople: { method: "GET"; path: "/api/people/export"; params: never; query: Params; body: never; response: unknown };
  exportPiplPersonalData: { method: "GET"; path: "/api/pipl/requests/:id/export"; params: { id: string }; query: Params; body: never; response: unknown };
  exportProjects: { method: "GET"; path: "/api/projects/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  exportUsers: { method: "GET"; path: "/api/users/export"; params: never; query: Params; body: never; response: unknown };
  exportVenues: { method: "GET"; path: "/api/activities/venues/export"; params: never; query: z.input<typeof C_activities.ZVenueQuery>; body: never; response: unknown };
  exportVolunteerRecords: { method: "GET"; path: "/api/volunteers/records/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  exportVolunteers: { method: "GET"; path: "/api/volunteers/export.xlsx"; params: never; query: Params; body: never; response: unknown };
  extendPartyMemberProbation: { method: "POST"; path: "/api/party/members/:id/extend-probation"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZExtendProbation>; response: z.output<typeof C_party.ZMember> };
  extendPartyProbation: { method: "POST"; path: "/api/party/applicants/:id/extend"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZExtendProbation>; response: z.output<typeof C_party.ZApplicantDetail> };
  figureGroups: { method: "GET"; path: "/api/figures/:key/groups"; params: { key: string }; query: Params; body: never; response: unknown };
  figureRecords: { method: "GET"; path: "/api/figures/:key/records"; params: { key: string }; query: Params; body: never; response: unknown };
  fileMeta: { method: "GET"; path: "/api/files/:id/meta"; params: { id: string }; query: Params; body: never; response: unknown };
  getActivity: { method: "GET"; path: "/api/activities/:id"; params: { id: string }; query: Params; body: never; response: unknown };
  getAppeal: { method: "GET"; path: "/api/appeals/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_appeals.ZAppealDetail> };
  getCareHousehold: { method: "GET"; path: "/api/care/households/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_care.ZHouseholdDetail> };
  getCareVisit: { method: "GET"; path: "/api/care/visits/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_care.ZVisit> };
  getDispute: { method: "GET"; path: "/api/safety/disputes/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_safety.ZDispute> };
  getFigure: { method: "GET"; path: "/api/figures/:key"; params: { key: string }; query: Params; body: never; response: z.output<typeof C_platform.ZFigure> };
  getHazard: { method: "GET"; path: "/api/safety/hazards/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_safety.ZHazard> };
  getInspection: { method: "GET"; path: "/api/safety/inspections/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_safety.ZInspection> };
  getMassOrg: { method: "GET"; path: "/api/massorgs/orgs/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_massorgs.ZMassOrgDetail> };
  getNightPatrol: { method: "GET"; path: "/api/volunteers/night-patrols/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_volunteers.ZNightPatrolDetail> };
  getOrganisation: { method: "GET"; path: "/api/organisations/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_platform.ZOrg> };
  getPartyApplicant: { method: "GET"; path: "/api/party/applicants/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_party.ZApplicantDetail> };
  getPartyMeeting: { method: "GET"; path: "/api/party/meetings/:id"; params: { id: string }; query: Params; body: never; response: unknown };
  getPartyMember: { method: "GET"; path: "/api/party/members/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_party.ZMember> };
  getPatrolCheckin: { method: "GET"; path: "/api/patrol/checkins/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZCheckin> };
  getPatrolPlan: { method: "GET"; path: "/api/patrol/plans/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZPlan> };
  getPatrolPoint: { method: "GET"; path: "/api/patrol/points/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZPoint> };
  getPerson: { method: "GET"; path: "/api/people/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_platform.ZPerson> };
  getPiplRequest: { method: "GET"; path: "/api/pipl/requests/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_pipl.ZPiplRequest> };
  getProject: { method: "GET"; path: "/api/projects/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_projects.ZProjectDetail> };
  getRegion: { method: "GET"; path: "/api/regions/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_platform.ZRegion> };
  getSafetyPlace: { method: "GET"; path: "/api/safety/places/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_safety.ZPlace> };
  getVenue: { method: "GET"; path: "/api/activities/venues/:id"; params: { id: string }; query: Params; body: never; response: unknown };
  getVenueChecklist: { method: "GET"; path: "/api/activities/checklists/:kind"; params: { kind: string }; query: Params; body: never; response: unknown };
  getVolunteer: { method: "GET"; path: "/api/volunteers/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_volunteers.ZSummary> };
  getVolunteerTeam: { method: "GET"; path: "/api/volunteers/teams/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_volunteers.ZTeam> };
  getWorkbenchLayout: { method: "GET"; path: "/api/workbench/layout"; params: never; query: Params; body: never; response: z.output<typeof C_alerts.ZLayoutAnswer> };
  hazardsImportTemplate: { method: "GET"; path: "/api/safety/hazards/import/template"; params: never; query: Params; body: never; response: unknown };
  holdProjectMeeting: { method: "POST"; path: "/api/projects/meetings"; params: never; query: Params; body: z.input<typeof C_projects.ZMeetingCreate>; response: unknown };
  importActivities: { method: "POST"; path: "/api/activities/import"; params: never; query: Params; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importAppeals: { method: "POST"; path: "/api/appeals/import"; params: never; query: Params; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importBrandProjects: { method: "POST"; path: "/api/massorgs/brand-projects/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importCareHouseholds: { method: "POST"; path: "/api/care/households/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importCareVisits: { method: "POST"; path: "/api/care/visits/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importDisputes: { method: "POST"; path: "/api/safety/disputes/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importHazards: { method: "POST"; path: "/api/safety/hazards/import"; params: never; query: Params; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importInspections: { method: "POST"; path: "/api/safety/inspections/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importMassOrgMembers: { method: "POST"; path: "/api/massorgs/members/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importNominations: { method: "POST"; path: "/api/massorgs/nominations/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importOrganisations: { method: "POST"; path: "/api/organisations/import"; params: never; query: Params; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPartyApplicants: { method: "POST"; path: "/api/party/applicants/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPartyApplicantsTemplate: { method: "GET"; path: "/api/party/applicants/import/template"; params: never; query: Params; body: never; response: unknown };
  importPartyElections: { method: "POST"; path: "/api/party/elections/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPartyElectionsTemplate: { method: "GET"; path: "/api/party/elections/import/template"; params: never; query: Params; body: never; response: unknown };
  importPartyMeetings: { method: "POST"; path: "/api/party/meetings/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPartyMembers: { method: "POST"; path: "/api/party/members/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPartyOrgs: { method: "POST"; path: "/api/party/orgs/import"; params: never; query: Params; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPartyOrgsTemplate: { method: "GET"; path: "/api/party/orgs/import/template"; params: never; query: Params; body: never; response: unknown };
  importPartyPosts: { method: "POST"; path: "/api/party/posts/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPartyPostsTemplate: { method: "GET"; path: "/api/party/posts/import/template"; params: never; query: Params; body: never; response: unknown };
  importPatrolPlans: { method: "POST"; path: "/api/patrol/plans/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPatrolPoints: { method: "POST"; path: "/api/patrol/points/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importPeople: { method: "POST"; path: "/api/people/import"; params: never; query: Params; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importProjects: { method: "POST"; path: "/api/projects/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importRegionBoundaries: { method: "POST"; path: "/api/regions/:id/boundaries/import"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importUsers: { method: "POST"; path: "/api/users/import"; params: never; query: z.input<typeof C_platform.ZImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importVenues: { method: "POST"; path: "/api/activities/venues/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importVolunteerRecords: { method: "POST"; path: "/api/volunteers/records/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  importVolunteers: { method: "POST"; path: "/api/volunteers/import"; params: never; query: z.input<typeof C_platform.ZCommunityImportQuery>; body: never; response: z.output<typeof C_platform.ZImportReport> };
  inspectVenue: { method: "POST"; path: "/api/activities/venues/:id/inspections"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZInspectionCreate>; response: unknown };
  inspectionsImportTemplate: { method: "GET"; path: "/api/safety/inspections/import/template"; params: never; query: Params; body: never; response: unknown };
  leaveMassOrgMember: { method: "POST"; path: "/api/massorgs/orgs/:id/members/:memberId/leave"; params: { id: string; memberId: string }; query: Params; body: z.input<typeof C_massorgs.ZMemberLeave>; response: z.output<typeof C_massorgs.ZMassOrgDetail> };
  leavePartyPipeline: { method: "POST"; path: "/api/party/applicants/:id/leave"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZApplicantLeave>; response: z.output<typeof C_party.ZApplicantDetail> };
  leaveVolunteerTeam: { method: "POST"; path: "/api/volunteers/teams/:id/members/:volunteerId/leave"; params: { id: string; volunteerId: string }; query: Params; body: z.input<typeof C_volunteers.ZMemberLeave>; response: z.output<typeof C_volunteers.ZTeam> };
  listActivities: { method: "GET"; path: "/api/activities"; params: never; query: z.input<typeof C_activities.ZActivityQuery>; body: never; response: unknown };
  listActivityAttendance: { method: "GET"; path: "/api/activities/:id/attendance"; params: { id: string }; query: Params; body: never; response: unknown };
  listActivitySeries: { method: "GET"; path: "/api/activities/series"; params: never; query: Params; body: never; response: unknown };
  listActivitySignups: { method: "GET"; path: "/api/activities/:id/signups"; params: { id: string }; query: Params; body: never; response: unknown };
  listActivityTypes: { method: "GET"; path: "/api/activities/types"; params: never; query: Params; body: never; response: unknown };
  listAppealCategories: { method: "GET"; path: "/api/appeals/categories"; params: never; query: Params; body: never; response: unknown };
  listAppeals: { method: "GET"; path: "/api/appeals"; params: never; query: z.input<typeof C_appeals.ZAppealQuery>; body: never; response: unknown };
  listAwards: { method: "GET"; path: "/api/massorgs/awards"; params: never; query: Params; body: never; response: unknown };
  listBrandApplications: { method: "GET"; path: "/api/massorgs/applications"; params: never; query: z.input<typeof C_massorgs.ZYearQuery>; body: never; response: unknown };
  listCareHouseholds: { method: "GET"; path: "/api/care/households"; params: never; query: z.input<typeof C_care.ZHouseholdQuery>; body: never; response: unknown };
  listCareVisits: { method: "GET"; path: "/api/care/visits"; params: never; query: z.input<typeof C_care.ZVisitQuery>; body: never; response: unknown };
  listCompanyBoards: { method: "GET"; path: "/api/party/boards"; params: never; query: Params; body: never; response: unknown };
  listDisputes: { method: "GET"; path: "/api/safety/disputes"; params: never; query: z.input<typeof C_safety.ZDisputeQuery>; body: never; response: unknown };
  listFigures: { method: "GET"; path: "/api/figures"; params: never; query: Params; body: never; response: unknown };
  listHazards: { method: "GET"; path: "/api/safety/hazards"; params: never; query: z.input<typeof C_safety.ZHazardQuery>; body: never; response: unknown };
  listInspections: { method: "GET"; path: "/api/safety/inspections"; params: never; query: z.input<typeof C_safety.ZInspectionQuery>; body: never; response: unknown };
  listJobs: { method: "GET"; path: "/api/jobs"; params: never; query: Params; body: never; response: unknown };
  listLockedAccounts: { method: "GET"; path: "/api/security/locked"; params: never; query: Params; body: never; response: unknown };
  listMapLayers: { method: "GET"; path: "/api/map/layers"; params: never; query: Params; body: never; response: unknown };
  listMassOrgs: { method: "GET"; path: "/api/massorgs/orgs"; params: never; query: Params; body: never; response: unknown };
  listNightPatrols: { method: "GET"; path: "/api/volunteers/night-patrols"; params: never; query: z.input<typeof C_volunteers.ZNightPatrolQuery>; body: never; response: unknown };
  listNominations: { method: "GET"; path: "/api/massorgs/nominations"; params: never; query: z.input<typeof C_massorgs.ZYearQuery>; body: never; response: unknown };
  listNotifications: { method: "GET"; path: "/api/notifications"; params: never; query: Params; body: never; response: unknown };
  listOpen311Keys: { method: "GET"; path: "/api/appeals/open311-keys"; params: never; query: Params; body: never; response: unknown };
  listOrganisations: { method: "GET"; path: "/api/organisations"; params: never; query: Params; body: never; response: unknown };
  listPartnerUnits: { method: "GET"; path: "/api/activities/partners"; params: never; query: Params; body: never; response: unknown };
  listPartyApplicants: { method: "GET"; path: "/api/party/applicants"; params: never; query: z.input<typeof C_party.ZApplicantQuery>; body: never; response: unknown };
  listPartyElections: { method: "GET"; path: "/api/party/elections"; params: never; query: z.input<typeof C_party.ZElectionQuery>; body: never; response: unknown };
  listPartyMeetings: { method: "GET"; path: "/api/party/meetings"; params: never; query: z.input<typeof C_party.ZMeetingQuery>; body: never; response: unknown };
  listPartyMembers: { method: "GET"; path: "/api/party/members"; params: never; query: z.input<typeof C_party.ZMemberQuery>; body: never; response: unknown };
  listPartyOrgs: { method: "GET"; path: "/api/party/orgs"; params: never; query: Params; body: never; response: unknown };
  listPatrolCheckins: { method: "GET"; path: "/api/patrol/checkins"; params: never; query: z.input<typeof C_patrol.ZCheckinQuery>; body: never; response: unknown };
  listPatrolOfficers: { method: "GET"; path: "/api/patrol/officers"; params: never; query: Params; body: never; response: unknown };
  listPatrolPlans: { method: "GET"; path: "/api/patrol/plans"; params: never; query: Params; body: never; response: unknown };
  listPatrolPoints: { method: "GET"; path: "/api/patrol/points"; params: never; query: z.input<typeof C_patrol.ZPointQuery>; body: never; response: unknown };
  listPatrolRounds: { method: "GET"; path: "/api/patrol/rounds"; params: never; query: Params; body: never; response: unknown };
  listPatrolTeams: { method: "GET"; path: "/api/patrol/teams"; params: never; query: Params; body: never; response: unknown };
  listPeople: { method: "GET"; path: "/api/people"; params: never; query: z.input<typeof C_platform.ZPersonQuery>; body: never; response: unknown };
  listPiplRequests: { method: "GET"; path: "/api/pipl/requests"; params: never; query: z.input<typeof C_pipl.ZPiplQuery>; body: never; response: unknown };
  listPiplRetentionRules: { method: "GET"; path: "/api/pipl/rules"; params: never; query: Params; body: never; response: unknown };
  listProjects: { method: "GET"; path: "/api/projects"; params: never; query: z.input<typeof C_projects.ZProjectQuery>; body: never; response: unknown };
  listRegions: { method: "GET"; path: "/api/regions"; params: never; query: Params; body: never; response: unknown };
  listRoomBookings: { method: "GET"; path: "/api/activities/bookings"; params: never; query: Params; body: never; response: unknown };
  listSafetyChecklists: { method: "GET"; path: "/api/safety/checklists"; params: never; query: Params; body: never; response: unknown };
  listSafetyPlaces: { method: "GET"; path: "/api/safety/places"; params: never; query: z.input<typeof C_safety.ZPlaceQuery>; body: never; response: unknown };
  listScreenLinks: { method: "GET"; path: "/api/screen/links"; params: never; query: Params; body: never; response: unknown };
  listSessions: { method: "GET"; path: "/api/security/sessions"; params: never; query: Params; body: never; response: unknown };
  listSettings: { method: "GET"; path: "/api/settings"; params: never; query: Params; body: never; response: unknown };
  listSignInEvents: { method: "GET"; path: "/api/security/events"; params: never; query: Params; body: never; response: unknown };
  listTodos: { method: "GET"; path: "/api/todos"; params: never; query: Params; body: never; response: unknown };
  listUsers: { method: "GET"; path: "/api/users"; params: never; query: Params; body: never; response: unknown };
  listVenueInspections: { method: "GET"; path: "/api/activities/inspections"; params: never; query: Params; body: never; response: unknown };
  listVenueIssues: { method: "GET"; path: "/api/activities/issues"; params: never; query: Params; body: never; response: unknown };
  listVenues: { method: "GET"; path: "/api/activities/venues"; params: never; query: z.input<typeof C_activities.ZVenueQuery>; body: never; response: unknown };
  listVolunteerRecords: { method: "GET"; path: "/api/volunteers/records"; params: never; query: z.input<typeof C_volunteers.ZRecordQuery>; body: never; response: unknown };
  listVolunteerTeams: { method: "GET"; path: "/api/volunteers/teams"; params: never; query: Params; body: never; response: unknown };
  listVolunteers: { method: "GET"; path: "/api/volunteers"; params: never; query: z.input<typeof C_volunteers.ZVolunteerQuery>; body: never; response: unknown };
  login: { method: "POST"; path: "/api/auth/login"; params: never; query: Params; body: unknown; response: unknown };
  loginCode: { method: "POST"; path: "/api/auth/login/code"; params: never; query: Params; body: unknown; response: unknown };
  loginEnrolment: { method: "POST"; path: "/api/auth/login/enrolment"; params: never; query: Params; body: never; response: z.output<typeof C_security.ZEnrolment> };
  loginEnrolmentConfirm: { method: "POST"; path: "/api/auth/login/enrolment/confirm"; params: never; query: Params; body: unknown; response: unknown };
  logout: { method: "POST"; path: "/api/auth/logout"; params: never; query: Params; body: never; response: unknown };
  mapAreaPanel: { method: "GET"; path: "/api/map/areas/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_map.ZMapPanel> };
  mapAreas: { method: "GET"; path: "/api/map/areas"; params: never; query: Params; body: never; response: unknown };
  mapLayer: { method: "GET"; path: "/api/map/layers/:key"; params: { key: string }; query: Params; body: never; response: z.output<typeof C_map.ZMapLayerData> };
  massOrgMemberImportTemplate: { method: "GET"; path: "/api/massorgs/members/import/template"; params: never; query: Params; body: never; response: unknown };
  me: { method: "GET"; path: "/api/auth/me"; params: never; query: Params; body: never; response: unknown };
  mergeAppeal: { method: "POST"; path: "/api/appeals/:id/merge"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZMerge>; response: z.output<typeof C_appeals.ZAppealDetail> };
  monthlySummary: { method: "GET"; path: "/api/reports/monthly/:month"; params: { month: string }; query: Params; body: never; response: unknown };
  myActivitiesFeed: { method: "GET"; path: "/api/activities/calendar/feed"; params: never; query: Params; body: never; response: unknown };
  myVolunteerPage: { method: "GET"; path: "/api/volunteers/me"; params: never; query: Params; body: never; response: z.output<typeof C_volunteers.ZMyPage> };
  newActivitiesFeed: { method: "POST"; path: "/api/activities/calendar/feed"; params: never; query: Params; body: never; response: unknown };
  nominate: { method: "POST"; path: "/api/massorgs/nominations"; params: never; query: Params; body: z.input<typeof C_massorgs.ZNominationCreate>; response: z.output<typeof C_massorgs.ZNomination> };
  nominationImportTemplate: { method: "GET"; path: "/api/massorgs/nominations/import/template"; params: never; query: Params; body: never; response: unknown };
  nominationResult: { method: "POST"; path: "/api/massorgs/nominations/:id/result"; params: { id: string }; query: Params; body: z.input<typeof C_massorgs.ZNominationResult>; response: z.output<typeof C_massorgs.ZNomination> };
  objectToProject: { method: "POST"; path: "/api/projects/:id/objections"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZObjection>; response: z.output<typeof C_projects.ZProjectDetail> };
  openHazardFromItem: { method: "POST"; path: "/api/safety/inspection-items/:id/hazard"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZOpenHazardFromItem>; response: z.output<typeof C_safety.ZHazard> };
  openapi: { method: "GET"; path: "/api/openapi.json"; params: never; query: Params; body: never; response: unknown };
  organisationsImportTemplate: { method: "GET"; path: "/api/organisations/import/template"; params: never; query: Params; body: never; response: unknown };
  partyCompliance: { method: "GET"; path: "/api/party/compliance"; params: never; query: z.input<typeof C_party.ZComplianceQuery>; body: never; response: z.output<typeof C_party.ZCompliance> };
  partyMeetingRecord: { method: "GET"; path: "/api/party/meetings/:id/record"; params: { id: string }; query: Params; body: never; response: unknown };
  partyMeetingsImportTemplate: { method: "GET"; path: "/api/party/meetings/import/template"; params: never; query: Params; body: never; response: unknown };
  partyMemberRoster: { method: "GET"; path: "/api/party/members/roster"; params: never; query: Params; body: never; response: unknown };
  partyMembersDue: { method: "GET"; path: "/api/party/members-due"; params: never; query: Params; body: never; response: unknown };
  partyMembersImportTemplate: { method: "GET"; path: "/api/party/members/import/template"; params: never; query: Params; body: never; response: unknown };
  patrolCheckin: { method: "POST"; path: "/api/patrol/checkins"; params: never; query: Params; body: z.input<typeof C_patrol.ZCheckinInput>; response: z.output<typeof C_patrol.ZCheckin> };
  patrolCheckinInfo: { method: "GET"; path: "/api/patrol/points/:id/checkin-info"; params: { id: string }; query: Params; body: never; response: unknown };
  patrolLiveFeed: { method: "GET"; path: "/api/patrol/live"; params: never; query: Params; body: never; response: unknown };
  patrolMapToday: { method: "GET"; path: "/api/patrol/map/today"; params: never; query: Params; body: never; response: unknown };
  patrolPlansImportTemplate: { method: "GET"; path: "/api/patrol/plans/import/template"; params: never; query: Params; body: never; response: unknown };
  patrolPointImportTemplate: { method: "GET"; path: "/api/patrol/points/import/template"; params: never; query: Params; body: never; response: unknown };
  patrolPointLabels: { method: "GET"; path: "/api/patrol/points/labels"; params: never; query: Params; body: never; response: unknown };
  patrolPointsGeoJson: { method: "GET"; path: "/api/patrol/points/geojson"; params: never; query: Params; body: never; response: unknown };
  patrolSync: { method: "POST"; path: "/api/patrol/sync"; params: never; query: Params; body: z.input<typeof C_patrol.ZSyncBatch>; response: z.output<typeof C_patrol.ZSyncResult> };
  payProject: { method: "POST"; path: "/api/projects/:id/payments"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZPayment>; response: z.output<typeof C_projects.ZProjectDetail> };
  peopleImportTemplate: { method: "GET"; path: "/api/people/import/template"; params: never; query: Params; body: never; response: unknown };
  portalCacheStats: { method: "GET"; path: "/api/portal/cache"; params: never; query: Params; body: never; response: unknown };
  portalColumns: { method: "GET"; path: "/api/portal/columns"; params: never; query: Params; body: never; response: unknown };
  portalItem: { method: "GET"; path: "/api/portal/items/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_portal.ZItemDetail> };
  portalItems: { method: "GET"; path: "/api/portal/items"; params: never; query: z.input<typeof C_portal.ZItemQuery>; body: never; response: unknown };
  portalOverdue: { method: "GET"; path: "/api/portal/overdue"; params: never; query: Params; body: never; response: unknown };
  printAgreement: { method: "GET"; path: "/api/safety/disputes/:id/agreement.docx"; params: { id: string }; query: Params; body: never; response: unknown };
  privateActivitiesIcal: { method: "GET"; path: "/api/public/activities/calendar/private/:token"; params: { token: string }; query: Params; body: never; response: unknown };
  projectBudget: { method: "GET"; path: "/api/projects/budget"; params: never; query: z.input<typeof C_projects.ZBudgetQuery>; body: never; response: z.output<typeof C_projects.ZBudget> };
  projectImportTemplate: { method: "GET"; path: "/api/projects/import/template"; params: never; query: Params; body: never; response: unknown };
  proposePortalItem: { method: "POST"; path: "/api/portal/items"; params: never; query: Params; body: z.input<typeof C_portal.ZItemCreate>; response: z.output<typeof C_portal.ZItemDetail> };
  proposeProject: { method: "POST"; path: "/api/projects"; params: never; query: Params; body: z.input<typeof C_projects.ZProjectCreate>; response: z.output<typeof C_projects.ZProjectDetail> };
  publicActivities: { method: "GET"; path: "/api/public/activities"; params: never; query: Params; body: never; response: unknown };
  publicActivitiesIcal: { method: "GET"; path: "/api/public/activities/calendar/:communityId"; params: { communityId: string }; query: Params; body: never; response: unknown };
  publicActivity: { method: "GET"; path: "/api/public/activities/:id"; params: { id: string }; query: Params; body: never; response: unknown };
  publicActivityCheckin: { method: "POST"; path: "/api/public/activities/:id/checkin"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZCheckin>; response: unknown };
  publicActivitySignup: { method: "POST"; path: "/api/public/activities/:id/signup"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZPublicSignup>; response: unknown };
  publicAppealOptions: { method: "GET"; path: "/api/public/appeals/options"; params: never; query: Params; body: never; response: unknown };
  publicDisclosureColumns: { method: "GET"; path: "/api/public/disclosure/columns"; params: never; query: Params; body: never; response: unknown };
  publicDisclosureCommunities: { method: "GET"; path: "/api/public/disclosure/communities"; params: never; query: Params; body: never; response: unknown };
  publicDisclosureFeed: { method: "GET"; path: "/api/public/disclosure/feed/:community/:file"; params: { community: string; file: string }; query: Params; body: never; response: unknown };
  publicDisclosureFeedback: { method: "POST"; path: "/api/public/disclosure/items/:id/feedback"; params: { id: string }; query: Params; body: z.input<typeof C_portal.ZFeedback>; response: unknown };
  publicDisclosureFile: { method: "GET"; path: "/api/public/disclosure/items/:id/files/:fileId"; params: { id: string; fileId: string }; query: Params; body: never; response: unknown };
  publicDisclosureItem: { method: "GET"; path: "/api/public/disclosure/items/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_portal.ZPublicItemDetail> };
  publicDisclosureItems: { method: "GET"; path: "/api/public/disclosure/items"; params: never; query: z.input<typeof C_portal.ZPublicQuery>; body: never; response: z.output<typeof C_portal.ZPublicPage> };
  publicDisclosureProjects: { method: "GET"; path: "/api/public/disclosure/projects"; params: never; query: Params; body: never; response: unknown };
  publicProject: { method: "GET"; path: "/api/public/projects/:id"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_projects.ZPublicProjectDetail> };
  publicProjectOptions: { method: "GET"; path: "/api/public/projects/options"; params: never; query: Params; body: never; response: unknown };
  publicProjectPhoto: { method: "GET"; path: "/api/public/projects/:id/photos/:fileId"; params: { id: string; fileId: string }; query: Params; body: never; response: unknown };
  publicProjectSurvey: { method: "POST"; path: "/api/public/projects/:id/survey"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZSurveyAnswer>; response: unknown };
  publicProjects: { method: "GET"; path: "/api/public/projects"; params: never; query: Params; body: never; response: unknown };
  publicProposeProject: { method: "POST"; path: "/api/public/projects"; params: never; query: Params; body: z.input<typeof C_projects.ZPublicPropose>; response: unknown };
  publicSubmitAppeal: { method: "POST"; path: "/api/public/appeals"; params: never; query: Params; body: z.input<typeof C_appeals.ZPublicSubmit>; response: unknown };
  publicTrackAppeal: { method: "GET"; path: "/api/public/appeals/:trackingNo"; params: { trackingNo: string }; query: z.input<typeof C_appeals.ZPublicTrackQuery>; body: never; response: z.output<typeof C_appeals.ZPublicCase> };
  publicVisitAppeal: { method: "POST"; path: "/api/public/appeals/:trackingNo/visit"; params: { trackingNo: string }; query: Params; body: z.input<typeof C_appeals.ZPublicVisit>; response: z.output<typeof C_appeals.ZPublicCase> };
  publiciseProject: { method: "POST"; path: "/api/projects/:id/publicise"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZPublicise>; response: z.output<typeof C_projects.ZProjectDetail> };
  putActivityType: { method: "PUT"; path: "/api/activities/types"; params: never; query: Params; body: z.input<typeof C_activities.ZTypePut>; response: unknown };
  putSafetyChecklist: { method: "PUT"; path: "/api/safety/checklists/:id"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZChecklistPut>; response: z.output<typeof C_safety.ZChecklist> };
  putSetting: { method: "PUT"; path: "/api/settings/:key"; params: { key: string }; query: Params; body: unknown; response: unknown };
  putVenueChecklist: { method: "PUT"; path: "/api/activities/checklists/:kind"; params: { kind: string }; query: Params; body: z.input<typeof C_activities.ZChecklistPut>; response: unknown };
  reactivatePatrolPoint: { method: "POST"; path: "/api/patrol/points/:id/reactivate"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZPoint> };
  readAllNotifications: { method: "POST"; path: "/api/notifications/read-all"; params: never; query: Params; body: never; response: unknown };
  readNotification: { method: "POST"; path: "/api/notifications/:id/read"; params: { id: string }; query: Params; body: never; response: unknown };
  recomputeVolunteerStars: { method: "POST"; path: "/api/volunteers/stars/recompute"; params: never; query: Params; body: never; response: unknown };
  recordActivityAttendance: { method: "POST"; path: "/api/activities/:id/attendance"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZAttend>; response: unknown };
  recordActivityHeadCount: { method: "POST"; path: "/api/activities/:id/head-count"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZHeadCount>; response: unknown };
  recordCareVisit: { method: "POST"; path: "/api/care/visits"; params: never; query: Params; body: z.input<typeof C_care.ZVisitCreate>; response: z.output<typeof C_care.ZVisit> };
  recordPartyStep: { method: "POST"; path: "/api/party/applicants/:id/steps"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZStepRecord>; response: unknown };
  recordProjectSurvey: { method: "POST"; path: "/api/projects/:id/survey"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZSurveyAnswer>; response: z.output<typeof C_projects.ZProjectDetail> };
  rectifyHazard: { method: "POST"; path: "/api/safety/hazards/:id/rectify"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZHazardRectify>; response: z.output<typeof C_safety.ZHazard> };
  rectifyVenueIssue: { method: "POST"; path: "/api/activities/issues/:id/rectify"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZIssueRectify>; response: unknown };
  regeneratePatrolPointCode: { method: "POST"; path: "/api/patrol/points/:id/regenerate-code"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZPointCode> };
  regionsGeoJSON: { method: "GET"; path: "/api/regions/geojson"; params: never; query: Params; body: never; response: unknown };
  registerAppeal: { method: "POST"; path: "/api/appeals"; params: never; query: Params; body: z.input<typeof C_appeals.ZAppealCreate>; response: unknown };
  registerTeaTalkAppeal: { method: "POST"; path: "/api/activities/:id/appeals"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZTeaTalkAppeal>; response: unknown };
  removeActivityAttendance: { method: "POST"; path: "/api/activities/:id/attendance/:attendanceId/remove"; params: { id: string; attendanceId: string }; query: Params; body: z.input<typeof C_activities.ZCancel>; response: unknown };
  reportProjectProgress: { method: "POST"; path: "/api/projects/:id/progress"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZProgress>; response: z.output<typeof C_projects.ZProjectDetail> };
  requestAppealAssist: { method: "POST"; path: "/api/appeals/:id/assist"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZAssist>; response: z.output<typeof C_appeals.ZAppealDetail> };
  requestAppealExtension: { method: "POST"; path: "/api/appeals/:id/extension"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZExtensionRequest>; response: z.output<typeof C_appeals.ZAppealDetail> };
  resetTwoFactor: { method: "POST"; path: "/api/security/users/:id/reset-2fa"; params: { id: string }; query: Params; body: never; response: unknown };
  resetUserPassword: { method: "POST"; path: "/api/users/:id/reset-password"; params: { id: string }; query: Params; body: unknown; response: unknown };
  resetWorkbenchLayout: { method: "DELETE"; path: "/api/workbench/layout"; params: never; query: Params; body: never; response: z.output<typeof C_alerts.ZLayoutAnswer> };
  resolveProjectObjection: { method: "POST"; path: "/api/projects/:id/objections/:objectionId/resolve"; params: { id: string; objectionId: string }; query: Params; body: z.input<typeof C_projects.ZObjectionResolve>; response: z.output<typeof C_projects.ZProjectDetail> };
  restoreAppeal: { method: "POST"; path: "/api/appeals/:id/restore"; params: { id: string }; query: Params; body: never; response: unknown };
  restoreCareVisit: { method: "POST"; path: "/api/care/visits/:id/restore"; params: { id: string }; query: Params; body: never; response: unknown };
  restoreDispute: { method: "POST"; path: "/api/safety/disputes/:id/restore"; params: { id: string }; query: Params; body: never; response: unknown };
  restorePartyElection: { method: "POST"; path: "/api/party/elections/:id/restore"; params: { id: string }; query: Params; body: never; response: unknown };
  restorePartyMeeting: { method: "POST"; path: "/api/party/meetings/:id/restore"; params: { id: string }; query: Params; body: never; response: unknown };
  restorePatrolCheckin: { method: "POST"; path: "/api/patrol/checkins/:id/restore"; params: { id: string }; query: Params; body: never; response: unknown };
  retirePatrolPoint: { method: "POST"; path: "/api/patrol/points/:id/retire"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZPoint> };
  returnAppeal: { method: "POST"; path: "/api/appeals/:id/return"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZReason>; response: z.output<typeof C_appeals.ZAppealDetail> };
  revealAppellantPhone: { method: "POST"; path: "/api/appeals/:id/reveal"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZReason>; response: unknown };
  revealPerson: { method: "POST"; path: "/api/people/:id/reveal"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZReveal>; response: unknown };
  reviewPatrolCheckin: { method: "POST"; path: "/api/patrol/checkins/:id/review"; params: { id: string }; query: Params; body: z.input<typeof C_patrol.ZReview>; response: z.output<typeof C_patrol.ZCheckin> };
  reviewPortalItem: { method: "POST"; path: "/api/portal/items/:id/review"; params: { id: string }; query: Params; body: z.input<typeof C_portal.ZReview>; response: z.output<typeof C_portal.ZItemDetail> };
  reviewProject: { method: "POST"; path: "/api/projects/:id/review"; params: { id: string }; query: Params; body: z.input<typeof C_projects.ZReview>; response: z.output<typeof C_projects.ZProjectDetail> };
  revokeOpen311Key: { method: "POST"; path: "/api/appeals/open311-keys/:id/revoke"; params: { id: string }; query: Params; body: never; response: unknown };
  revokeScreenLink: { method: "POST"; path: "/api/screen/links/:id/revoke"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_screen.ZScreenLink> };
  safetyInspectionPlan: { method: "GET"; path: "/api/safety/inspection-plan"; params: never; query: Params; body: never; response: unknown };
  saveAnnualReportTemplate: { method: "PUT"; path: "/api/reports/annual/:year/template"; params: { year: string }; query: Params; body: z.input<typeof C_reports.ZReportTemplate>; response: z.output<typeof C_reports.ZTemplateAnswer> };
  savePortalColumn: { method: "PUT"; path: "/api/portal/columns"; params: never; query: Params; body: z.input<typeof C_portal.ZColumnSave>; response: z.output<typeof C_portal.ZColumn> };
  saveWorkbenchLayout: { method: "PUT"; path: "/api/workbench/layout"; params: never; query: Params; body: z.input<typeof C_alerts.ZLayout>; response: z.output<typeof C_alerts.ZLayoutAnswer> };
  screenData: { method: "GET"; path: "/api/screen/data"; params: never; query: Params; body: never; response: z.output<typeof C_screen.ZScreenData> };
  screenLive: { method: "GET"; path: "/api/screen/live"; params: never; query: Params; body: never; response: unknown };
  searchAudit: { method: "GET"; path: "/api/audit"; params: never; query: Params; body: never; response: unknown };
  setVenueState: { method: "POST"; path: "/api/activities/venues/:id/state"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZVenueState>; response: unknown };
  signAppeal: { method: "POST"; path: "/api/appeals/:id/sign"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZNote>; response: z.output<typeof C_appeals.ZAppealDetail> };
  signUpForActivity: { method: "POST"; path: "/api/activities/:id/signups"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZSignupCreate>; response: unknown };
  stopPatrolPlan: { method: "POST"; path: "/api/patrol/plans/:id/stop"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZPlan> };
  streamNotifications: { method: "GET"; path: "/api/notifications/stream"; params: never; query: Params; body: never; response: unknown };
  submitPortalItem: { method: "POST"; path: "/api/portal/items/:id/submit"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_portal.ZItemDetail> };
  switchScope: { method: "POST"; path: "/api/auth/scope"; params: never; query: Params; body: unknown; response: unknown };
  transferOutPartyMember: { method: "POST"; path: "/api/party/members/:id/transfer-out"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZTransferOut>; response: z.output<typeof C_party.ZMember> };
  twoFactorConfirm: { method: "POST"; path: "/api/auth/2fa/confirm"; params: never; query: Params; body: unknown; response: unknown };
  twoFactorDisable: { method: "POST"; path: "/api/auth/2fa/disable"; params: never; query: Params; body: unknown; response: unknown };
  twoFactorRecoveryCodes: { method: "POST"; path: "/api/auth/2fa/recovery-codes"; params: never; query: Params; body: unknown; response: unknown };
  twoFactorSetup: { method: "POST"; path: "/api/auth/2fa/setup"; params: never; query: Params; body: never; response: z.output<typeof C_security.ZEnrolment> };
  twoFactorStatus: { method: "GET"; path: "/api/auth/2fa"; params: never; query: Params; body: never; response: z.output<typeof C_security.ZTwoFactorStatus> };
  unarchivePatrolTeam: { method: "POST"; path: "/api/patrol/teams/:id/unarchive"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_patrol.ZTeam> };
  unlockUser: { method: "POST"; path: "/api/users/:id/unlock"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_platform.ZUser> };
  updateAppealCategory: { method: "PATCH"; path: "/api/appeals/categories/:code"; params: { code: string }; query: Params; body: z.input<typeof C_appeals.ZCategoryUpdate>; response: z.output<typeof C_appeals.ZCategory> };
  updateCareHousehold: { method: "PATCH"; path: "/api/care/households/:id"; params: { id: string }; query: Params; body: z.input<typeof C_care.ZHouseholdUpdate>; response: z.output<typeof C_care.ZHouseholdDetail> };
  updateOrganisation: { method: "PATCH"; path: "/api/organisations/:id"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZOrgUpdate>; response: z.output<typeof C_platform.ZOrg> };
  updatePartyMember: { method: "PATCH"; path: "/api/party/members/:id"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZMemberUpdate>; response: z.output<typeof C_party.ZMember> };
  updatePartyOrg: { method: "PATCH"; path: "/api/party/orgs/:id"; params: { id: string }; query: Params; body: z.input<typeof C_party.ZPartyOrgUpdate>; response: z.output<typeof C_party.ZPartyOrg> };
  updatePatrolPlan: { method: "PATCH"; path: "/api/patrol/plans/:id"; params: { id: string }; query: Params; body: z.input<typeof C_patrol.ZPlanUpdate>; response: z.output<typeof C_patrol.ZPlan> };
  updatePatrolPoint: { method: "PATCH"; path: "/api/patrol/points/:id"; params: { id: string }; query: Params; body: z.input<typeof C_patrol.ZPointUpdate>; response: z.output<typeof C_patrol.ZPoint> };
  updatePatrolTeam: { method: "PATCH"; path: "/api/patrol/teams/:id"; params: { id: string }; query: Params; body: z.input<typeof C_patrol.ZTeamUpdate>; response: z.output<typeof C_patrol.ZTeam> };
  updatePerson: { method: "PATCH"; path: "/api/people/:id"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZPersonUpdate>; response: z.output<typeof C_platform.ZPerson> };
  updateRegion: { method: "PATCH"; path: "/api/regions/:id"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZRegionUpdate>; response: z.output<typeof C_platform.ZRegion> };
  updateSafetyPlace: { method: "PATCH"; path: "/api/safety/places/:id"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZPlaceUpdate>; response: z.output<typeof C_safety.ZPlace> };
  updateUser: { method: "PATCH"; path: "/api/users/:id"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZUserUpdate>; response: z.output<typeof C_platform.ZUser> };
  updateVenue: { method: "PATCH"; path: "/api/activities/venues/:id"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZVenueUpdate>; response: unknown };
  updateVolunteer: { method: "PATCH"; path: "/api/volunteers/:id"; params: { id: string }; query: Params; body: z.input<typeof C_volunteers.ZVolunteerPatch>; response: z.output<typeof C_volunteers.ZVolunteer> };
  uploadFile: { method: "POST"; path: "/api/files"; params: never; query: Params; body: never; response: unknown };
  usersImportTemplate: { method: "GET"; path: "/api/users/import/template"; params: never; query: Params; body: never; response: unknown };
  venueImportTemplate: { method: "GET"; path: "/api/activities/venues/import/template"; params: never; query: Params; body: never; response: unknown };
  verifyAudit: { method: "GET"; path: "/api/audit/verify"; params: never; query: Params; body: never; response: unknown };
  verifyHazard: { method: "POST"; path: "/api/safety/hazards/:id/verify"; params: { id: string }; query: Params; body: z.input<typeof C_safety.ZHazardVerify>; response: z.output<typeof C_safety.ZHazard> };
  verifyVenueIssue: { method: "POST"; path: "/api/activities/issues/:id/verify"; params: { id: string }; query: Params; body: z.input<typeof C_activities.ZIssueVerify>; response: unknown };
  visitAppeal: { method: "POST"; path: "/api/appeals/:id/visit"; params: { id: string }; query: Params; body: z.input<typeof C_appeals.ZVisit>; response: z.output<typeof C_appeals.ZAppealDetail> };
  voidAppeal: { method: "POST"; path: "/api/appeals/:id/void"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZVoid>; response: unknown };
  voidCareVisit: { method: "POST"; path: "/api/care/visits/:id/void"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZVoid>; response: unknown };
  voidDispute: { method: "POST"; path: "/api/safety/disputes/:id/void"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZVoid>; response: unknown };
  voidPartyElection: { method: "POST"; path: "/api/party/elections/:id/void"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZVoid>; response: unknown };
  voidPartyMeeting: { method: "POST"; path: "/api/party/meetings/:id/void"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZVoid>; response: unknown };
  voidPatrolCheckin: { method: "POST"; path: "/api/patrol/checkins/:id/void"; params: { id: string }; query: Params; body: z.input<typeof C_platform.ZVoid>; response: unknown };
  voidProjectPayment: { method: "POST"; path: "/api/projects/:id/payments/:paymentId/void"; params: { id: string; paymentId: string }; query: Params; body: z.input<typeof C_projects.ZVoid>; response: z.output<typeof C_projects.ZProjectDetail> };
  volunteerCertificate: { method: "GET"; path: "/api/volunteers/:id/certificate.docx"; params: { id: string }; query: Params; body: never; response: unknown };
  volunteerImportTemplate: { method: "GET"; path: "/api/volunteers/import/template"; params: never; query: Params; body: never; response: unknown };
  volunteerRecordCorrections: { method: "GET"; path: "/api/volunteers/records/:id/corrections"; params: { id: string }; query: Params; body: never; response: unknown };
  volunteerRecordImportTemplate: { method: "GET"; path: "/api/volunteers/records/import/template"; params: never; query: Params; body: never; response: unknown };
  volunteerSignIn: { method: "POST"; path: "/api/volunteers/records/sign-in"; params: never; query: Params; body: z.input<typeof C_volunteers.ZSignIn>; response: z.output<typeof C_volunteers.ZRecord> };
  volunteerSignInSelf: { method: "POST"; path: "/api/volunteers/me/sign-in"; params: never; query: Params; body: unknown; response: unknown };
  volunteerSignOut: { method: "POST"; path: "/api/volunteers/records/:id/sign-out"; params: { id: string }; query: Params; body: never; response: z.output<typeof C_volunteers.ZRecord> };
  volunteerSignOutSelf: { method: "POST"; path: "/api/volunteers/me/sign-out"; params: never; query: Params; body: never; response: unknown };
  volunteerSignUp: { method: "POST"; path: "/api/volunteers/me/signups"; params: never; query: Params; body: unknown; response: unknown };
  withdrawPortalItem: { method: "POST"; path: "/api/portal/items/:id/withdraw"; params: { id: string }; query: Params; body: z.input<typeof C_portal.ZWithdraw>; response: z.output<typeof C_portal.ZItemDetail> };
};

export const OPERATIONS: { [K in keyof Operations]: { method: Operations[K]["method"]; path: Operations[K]["path"] } } = {
  acceptProject: { method: "POST", path: "/api/projects/:id/accept" },
  activatePatrolPlan: { method: "POST", path: "/api/patrol/plans/:id/activate" },
  activityCheckinQr: { method: "GET", path: "/api/activities/:id/qr" },
  activityImportTemplate: { method: "GET", path: "/api/activities/import/template" },
  addDisputeFollowup: { method: "POST", path: "/api/safety/disputes/:id/followups" },
  addMassOrgMember: { method: "POST", path: "/api/massorgs/orgs/:id/members" },
  addMediationSession: { method: "POST", path: "/api/safety/disputes/:id/sessions" },
  addNightPatrolFinding: { method: "POST", path: "/api/volunteers/night-patrols/:id/findings" },
  addPartnerUnit: { method: "POST", path: "/api/activities/partners" },
  addVenueRoom: { method: "POST", path: "/api/activities/venues/:id/rooms" },
  addVolunteerTeamMember: { method: "POST", path: "/api/volunteers/teams/:id/members" },
  annualReport: { method: "GET", path: "/api/reports/annual/:year" },
  annualReportChanges: { method: "GET", path: "/api/reports/annual/:year/changes" },
  annualReportExports: { method: "GET", path: "/api/reports/exports" },
  annualReportLife: { method: "GET", path: "/api/reports/annual/:year/life" },
  annualReportNewVersion: { method: "POST", path: "/api/reports/annual/:year/versions" },
  annualReportPublished: { method: "GET", path: "/api/reports/annual/:year/published" },
  annualReportStep: { method: "POST", path: "/api/reports/annual/:year/steps" },
  annualReportTemplate: { method: "GET", path: "/api/reports/annual/:year/template" },
  anonymisePiplPerson: { method: "POST", path: "/api/pipl/requests/:id/anonymise" },
  answerPiplRequest: { method: "POST", path: "/api/pipl/requests/:id/answer" },
  appealDuplicates: { method: "GET", path: "/api/appeals/duplicates" },
  appealHandlers: { method: "GET", path: "/api/appeals/handlers" },
  appealImportFields: { method: "GET", path: "/api/appeals/import/fields" },
  appealImportTemplate: { method: "GET", path: "/api/appeals/import/template" },
  appealInbox: { method: "GET", path: "/api/appeals/inbox" },
  applyBrandProject: { method: "POST", path: "/api/massorgs/brand-projects/:id/applications" },
  appraisePartyMember: { method: "POST", path: "/api/party/members/:id/appraisal" },
  approvePartyStep: { method: "POST", path: "/api/party/applicants/:id/approve" },
  approvePortalItem: { method: "POST", path: "/api/portal/items/:id/approve" },
  approveProject: { method: "POST", path: "/api/projects/:id/approve" },
  archiveCareHousehold: { method: "POST", path: "/api/care/households/:id/archive" },
  archivePatrolTeam: { method: "POST", path: "/api/patrol/teams/:id/archive" },
  assignHazard: { method: "POST", path: "/api/safety/hazards/:id/assign" },
  bookRoom: { method: "POST", path: "/api/activities/bookings" },
  brandApplicationResult: { method: "POST", path: "/api/massorgs/applications/:id/result" },
  brandProjectImportTemplate: { method: "GET", path: "/api/massorgs/brand-projects/import/template" },
  cancelActivity: { method: "POST", path: "/api/activities/:id/cancel" },
  cancelActivitySignup: { method: "POST", path: "/api/activities/signups/:id/cancel" },
  cancelHazard: { method: "POST", path: "/api/safety/hazards/:id/cancel" },
  cancelProject: { method: "POST", path: "/api/projects/:id/cancel" },
  cancelRoomBooking: { method: "POST", path: "/api/activities/bookings/:id/cancel" },
  careDifficultyKinds: { method: "GET", path: "/api/care/kinds" },
  careHouseholdImportTemplate: { method: "GET", path: "/api/care/households/import/template" },
  careVisitImportTemplate: { method: "GET", path: "/api/care/visits/import/template" },
  certifyPartyPost: { method: "POST", path: "/api/party/posts/:id/certify" },
  changePassword: { method: "POST", path: "/api/auth/password" },
  checkPiplErasure: { method: "GET", path: "/api/pipl/requests/:id/check" },
  closeAppeal: { method: "POST", path: "/api/appeals/:id/close" },
  closeCareFollowUp: { method: "POST", path: "/api/care/follow-ups/:id/close" },
  closeDispute: { method: "POST", path: "/api/safety/disputes/:id/close" },
  closeHazard: { method: "POST", path: "/api/safety/hazards/:id/close" },
  compareCommunities: { method: "GET", path: "/api/workbench/compare" },
  confirmVolunteerRecord: { method: "POST", path: "/api/volunteers/records/:id/confirm" },
  contactAppellant: { method: "POST", path: "/api/appeals/:id/contact" },
  correctPiplPerson: { method: "POST", path: "/api/pipl/requests/:id/correct" },
  correctPortalItem: { method: "POST", path: "/api/portal/items/:id/correct" },
  correctVolunteerRecord: { method: "POST", path: "/api/volunteers/records/:id/correct" },
  countNotifications: { method: "GET", path: "/api/notifications/count" },
  createActivity: { method: "POST", path: "/api/activities" },
  createActivitySeries: { method: "POST", path: "/api/activities/series" },
  createAppealCategory: { method: "POST", path: "/api/appeals/categories" },
  createBoardMember: { method: "POST", path: "/api/party/boards" },
  createBrandProject: { method: "POST", path: "/api/massorgs/brand-projects" },
  createCareHousehold: { method: "POST", path: "/api/care/households" },
  createDispute: { method: "POST", path: "/api/safety/disputes" },
  createHazard: { method: "POST", path: "/api/safety/hazards" },
  createInspection: { method: "POST", path: "/api/safety/inspections" },
  createNightPatrol: { method: "POST", path: "/api/volunteers/night-patrols" },
  createOpen311Key: { method: "POST", path: "/api/appeals/open311-keys" },
  createOrganisation: { method: "POST", path: "/api/organisations" },
  createPartyApplicant: { method: "POST", path: "/api/party/applicants" },
  createPartyElection: { method: "POST", path: "/api/party/elections" },
  createPartyMeeting: { method: "POST", path: "/api/party/meetings" },
  createPartyMember: { method: "POST", path: "/api/party/members" },
  createPartyOrg: { method: "POST", path: "/api/party/orgs" },
  createPartyPost: { method: "POST", path: "/api/party/posts" },
  createPatrolPlan: { method: "POST", path: "/api/patrol/plans" },
  createPatrolPoint: { method: "POST", path: "/api/patrol/points" },
  createPatrolTeam: { method: "POST", path: "/api/patrol/teams" },
  createPerson: { method: "POST", path: "/api/people" },
  createPiplRequest: { method: "POST", path: "/api/pipl/requests" },
  createRegion: { method: "POST", path: "/api/regions" },
  createSafetyPlace: { method: "POST", path: "/api/safety/places" },
  createScreenLink: { method: "POST", path: "/api/screen/links" },
  createUser: { method: "POST", path: "/api/users" },
  createVenue: { method: "POST", path: "/api/activities/venues" },
  createVolunteer: { method: "POST", path: "/api/volunteers" },
  createVolunteerRecord: { method: "POST", path: "/api/volunteers/records" },
  createVolunteerTeam: { method: "POST", path: "/api/volunteers/teams" },
  decideAnnualReportFinding: { method: "PUT", path: "/api/reports/annual/:year/findings/:id" },
  decideAppealExtension: { method: "POST", path: "/api/appeals/:id/extension/decide" },
  dispatchAppeal: { method: "POST", path: "/api/appeals/:id/dispatch" },
  disputesImportTemplate: { method: "GET", path: "/api/safety/disputes/import/template" },
  downloadFile: { method: "GET", path: "/api/files/:id" },
  draftPortalItems: { method: "POST", path: "/api/portal/drafts" },
  editPortalItem: { method: "PATCH", path: "/api/portal/items/:id" },
  endBoardMember: { method: "POST", path: "/api/party/boards/:id/end" },
  endPartyPost: { method: "POST", path: "/api/party/posts/:id/end" },
  endSession: { method: "POST", path: "/api/security/sessions/:id/end" },
  escalateDispute: { method: "POST", path: "/api/safety/disputes/:id/escalate" },
  escalateOverdueHazards: { method: "POST", path: "/api/safety/hazards/escalate-overdue" },
  evaluateProject: { method: "POST", path: "/api/projects/:id/evaluate" },
  exportActivities: { method: "GET", path: "/api/activities/export" },
  exportAppeals: { method: "GET", path: "/api/appeals/export" },
  exportBrandProjects: { method: "GET", path: "/api/massorgs/brand-projects/export.xlsx" },
  exportCareHouseholds: { method: "GET", path: "/api/care/households/export.xlsx" },
  exportCareVisits: { method: "GET", path: "/api/care/visits/export.xlsx" },
  exportDisputes: { method: "GET", path: "/api/safety/disputes/export" },
  exportHazards: { method: "GET", path: "/api/safety/hazards/export" },
  exportInspections: { method: "GET", path: "/api/safety/inspections/export" },
  exportMassOrgMembers: { method: "GET", path: "/api/massorgs/members/export.xlsx" },
  exportNominations: { method: "GET", path: "/api/massorgs/nominations/export.xlsx" },
  exportOrganisations: { method: "GET", path: "/api/organisations/export" },
  exportPartyApplicants: { method: "GET", path: "/api/party/applicants/export" },
  exportPartyElections: { method: "GET", path: "/api/party/elections/export" },
  exportPartyMeetings: { method: "GET", path: "/api/party/meetings/export" },
  exportPartyMembers: { method: "GET", path: "/api/party/members/export" },
  exportPartyOrgs: { method: "GET", path: "/api/party/orgs/export" },
  exportPartyPosts: { method: "GET", path: "/api/party/posts/export" },
  exportPatrolCheckins: { method: "GET", path: "/api/patrol/checkins/export" },
  exportPatrolPlans: { method: "GET", path: "/api/patrol/plans/export" },
  exportPatrolPoints: { method: "GET", path: "/api/patrol/points/export" },
  exportPeople: { method: "GET", path: "/api/people/export" },
  exportPiplPersonalData: { method: "GET", path: "/api/pipl/requests/:id/export" },
  exportProjects: { method: "GET", path: "/api/projects/export.xlsx" },
  exportUsers: { method: "GET", path: "/api/users/export" },
  exportVenues: { method: "GET", path: "/api/activities/venues/export" },
  exportVolunteerRecords: { method: "GET", path: "/api/volunteers/records/export.xlsx" },
  exportVolunteers: { method: "GET", path: "/api/volunteers/export.xlsx" },
  extendPartyMemberProbation: { method: "POST", path: "/api/party/members/:id/extend-probation" },
  extendPartyProbation: { method: "POST", path: "/api/party/applicants/:id/extend" },
  figureGroups: { method: "GET", path: "/api/figures/:key/groups" },
  figureRecords: { method: "GET", path: "/api/figures/:key/records" },
  fileMeta: { method: "GET", path: "/api/files/:id/meta" },
  getActivity: { method: "GET", path: "/api/activities/:id" },
  getAppeal: { method: "GET", path: "/api/appeals/:id" },
  getCareHousehold: { method: "GET", path: "/api/care/households/:id" },
  getCareVisit: { method: "GET", path: "/api/care/visits/:id" },
  getDispute: { method: "GET", path: "/api/safety/disputes/:id" },
  getFigure: { method: "GET", path: "/api/figures/:key" },
  getHazard: { method: "GET", path: "/api/safety/hazards/:id" },
  getInspection: { method: "GET", path: "/api/safety/inspections/:id" },
  getMassOrg: { method: "GET", path: "/api/massorgs/orgs/:id" },
  getNightPatrol: { method: "GET", path: "/api/volunteers/night-patrols/:id" },
  getOrganisation: { method: "GET", path: "/api/organisations/:id" },
  getPartyApplicant: { method: "GET", path: "/api/party/applicants/:id" },
  getPartyMeeting: { method: "GET", path: "/api/party/meetings/:id" },
  getPartyMember: { method: "GET", path: "/api/party/members/:id" },
  getPatrolCheckin: { method: "GET", path: "/api/patrol/checkins/:id" },
  getPatrolPlan: { method: "GET", path: "/api/patrol/plans/:id" },
  getPatrolPoint: { method: "GET", path: "/api/patrol/points/:id" },
  getPerson: { method: "GET", path: "/api/people/:id" },
  getPiplRequest: { method: "GET", path: "/api/pipl/requests/:id" },
  getProject: { method: "GET", path: "/api/projects/:id" },
  getRegion: { method: "GET", path: "/api/regions/:id" },
  getSafetyPlace: { method: "GET", path: "/api/safety/places/:id" },
  getVenue: { method: "GET", path: "/api/activities/venues/:id" },
  getVenueChecklist: { method: "GET", path: "/api/activities/checklists/:kind" },
  getVolunteer: { method: "GET", path: "/api/volunteers/:id" },
  getVolunteerTeam: { method: "GET", path: "/api/volunteers/teams/:id" },
  getWorkbenchLayout: { method: "GET", path: "/api/workbench/layout" },
  hazardsImportTemplate: { method: "GET", path: "/api/safety/hazards/import/template" },
  holdProjectMeeting: { method: "POST", path: "/api/projects/meetings" },
  importActivities: { method: "POST", path: "/api/activities/import" },
  importAppeals: { method: "POST", path: "/api/appeals/import" },
  importBrandProjects: { method: "POST", path: "/api/massorgs/brand-projects/import" },
  importCareHouseholds: { method: "POST", path: "/api/care/households/import" },
  importCareVisits: { method: "POST", path: "/api/care/visits/import" },
  importDisputes: { method: "POST", path: "/api/safety/disputes/import" },
  importHazards: { method: "POST", path: "/api/safety/hazards/import" },
  importInspections: { method: "POST", path: "/api/safety/inspections/import" },
  importMassOrgMembers: { method: "POST", path: "/api/massorgs/members/import" },
  importNominations: { method: "POST", path: "/api/massorgs/nominations/import" },
  importOrganisations: { method: "POST", path: "/api/organisations/import" },
  importPartyApplicants: { method: "POST", path: "/api/party/applicants/import" },
  importPartyApplicantsTemplate: { method: "GET", path: "/api/party/applicants/import/template" },
  importPartyElections: { method: "POST", path: "/api/party/elections/import" },
  importPartyElectionsTemplate: { method: "GET", path: "/api/party/elections/import/template" },
  importPartyMeetings: { method: "POST", path: "/api/party/meetings/import" },
  importPartyMembers: { method: "POST", path: "/api/party/members/import" },
  importPartyOrgs: { method: "POST", path: "/api/party/orgs/import" },
  importPartyOrgsTemplate: { method: "GET", path: "/api/party/orgs/import/template" },
  importPartyPosts: { method: "POST", path: "/api/party/posts/import" },
  importPartyPostsTemplate: { method: "GET", path: "/api/party/posts/import/template" },
  importPatrolPlans: { method: "POST", path: "/api/patrol/plans/import" },
  importPatrolPoints: { method: "POST", path: "/api/patrol/points/import" },
  importPeople: { method: "POST", path: "/api/people/import" },
  importProjects: { method: "POST", path: "/api/projects/import" },
  importRegionBoundaries: { method: "POST", path: "/api/regions/:id/boundaries/import" },
  importUsers: { method: "POST", path: "/api/users/import" },
  importVenues: { method: "POST", path: "/api/activities/venues/import" },
  importVolunteerRecords: { method: "POST", path: "/api/volunteers/records/import" },
  importVolunteers: { method: "POST", path: "/api/volunteers/import" },
  inspectVenue: { method: "POST", path: "/api/activities/venues/:id/inspections" },
  inspectionsImportTemplate: { method: "GET", path: "/api/safety/inspections/import/template" },
  leaveMassOrgMember: { method: "POST", path: "/api/massorgs/orgs/:id/members/:memberId/leave" },
  leavePartyPipeline: { method: "POST", path: "/api/party/applicants/:id/leave" },
  leaveVolunteerTeam: { method: "POST", path: "/api/volunteers/teams/:id/members/:volunteerId/leave" },
  listActivities: { method: "GET", path: "/api/activities" },
  listActivityAttendance: { method: "GET", path: "/api/activities/:id/attendance" },
  listActivitySeries: { method: "GET", path: "/api/activities/series" },
  listActivitySignups: { method: "GET", path: "/api/activities/:id/signups" },
  listActivityTypes: { method: "GET", path: "/api/activities/types" },
  listAppealCategories: { method: "GET", path: "/api/appeals/categories" },
  listAppeals: { method: "GET", path: "/api/appeals" },
  listAwards: { method: "GET", path: "/api/massorgs/awards" },
  listBrandApplications: { method: "GET", path: "/api/massorgs/applications" },
  listCareHouseholds: { method: "GET", path: "/api/care/households" },
  listCareVisits: { method: "GET", path: "/api/care/visits" },
  listCompanyBoards: { method: "GET", path: "/api/party/boards" },
  listDisputes: { method: "GET", path: "/api/safety/disputes" },
  listFigures: { method: "GET", path: "/api/figures" },
  listHazards: { method: "GET", path: "/api/safety/hazards" },
  listInspections: { method: "GET", path: "/api/safety/inspections" },
  listJobs: { method: "GET", path: "/api/jobs" },
  listLockedAccounts: { method: "GET", path: "/api/security/locked" },
  listMapLayers: { method: "GET", path: "/api/map/layers" },
  listMassOrgs: { method: "GET", path: "/api/massorgs/orgs" },
  listNightPatrols: { method: "GET", path: "/api/volunteers/night-patrols" },
  listNominations: { method: "GET", path: "/api/massorgs/nominations" },
  listNotifications: { method: "GET", path: "/api/notifications" },
  listOpen311Keys: { method: "GET", path: "/api/appeals/open311-keys" },
  listOrganisations: { method: "GET", path: "/api/organisations" },
  listPartnerUnits: { method: "GET", path: "/api/activities/partners" },
  listPartyApplicants: { method: "GET", path: "/api/party/applicants" },
  listPartyElections: { method: "GET", path: "/api/party/elections" },
  listPartyMeetings: { method: "GET", path: "/api/party/meetings" },
  listPartyMembers: { method: "GET", path: "/api/party/members" },
  listPartyOrgs: { method: "GET", path: "/api/party/orgs" },
  listPatrolCheckins: { method: "GET", path: "/api/patrol/checkins" },
  listPatrolOfficers: { method: "GET", path: "/api/patrol/officers" },
  listPatrolPlans: { method: "GET", path: "/api/patrol/plans" },
  listPatrolPoints: { method: "GET", path: "/api/patrol/points" },
  listPatrolRounds: { method: "GET", path: "/api/patrol/rounds" },
  listPatrolTeams: { method: "GET", path: "/api/patrol/teams" },
  listPeople: { method: "GET", path: "/api/people" },
  listPiplRequests: { method: "GET", path: "/api/pipl/requests" },
  listPiplRetentionRules: { method: "GET", path: "/api/pipl/rules" },
  listProjects: { method: "GET", path: "/api/projects" },
  listRegions: { method: "GET", path: "/api/regions" },
  listRoomBookings: { method: "GET", path: "/api/activities/bookings" },
  listSafetyChecklists: { method: "GET", path: "/api/safety/checklists" },
  listSafetyPlaces: { method: "GET", path: "/api/safety/places" },
  listScreenLinks: { method: "GET", path: "/api/screen/links" },
  listSessions: { method: "GET", path: "/api/security/sessions" },
  listSettings: { method: "GET", path: "/api/settings" },
  listSignInEvents: { method: "GET", path: "/api/security/events" },
  listTodos: { method: "GET", path: "/api/todos" },
  listUsers: { method: "GET", path: "/api/users" },
  listVenueInspections: { method: "GET", path: "/api/activities/inspections" },
  listVenueIssues: { method: "GET", path: "/api/activities/issues" },
  listVenues: { method: "GET", path: "/api/activities/venues" },
  listVolunteerRecords: { method: "GET", path: "/api/volunteers/records" },
  listVolunteerTeams: { method: "GET", path: "/api/volunteers/teams" },
  listVolunteers: { method: "GET", path: "/api/volunteers" },
  login: { method: "POST", path: "/api/auth/login" },
  loginCode: { method: "POST", path: "/api/auth/login/code" },
  loginEnrolment: { method: "POST", path: "/api/auth/login/enrolment" },
  loginEnrolmentConfirm: { method: "POST", path: "/api/auth/login/enrolment/confirm" },
  logout: { method: "POST", path: "/api/auth/logout" },
  mapAreaPanel: { method: "GET", path: "/api/map/areas/:id" },
  mapAreas: { method: "GET", path: "/api/map/areas" },
  mapLayer: { method: "GET", path: "/api/map/layers/:key" },
  massOrgMemberImportTemplate: { method: "GET", path: "/api/massorgs/members/import/template" },
  me: { method: "GET", path: "/api/auth/me" },
  mergeAppeal: { method: "POST", path: "/api/appeals/:id/merge" },
  monthlySummary: { method: "GET", path: "/api/reports/monthly/:month" },
  myActivitiesFeed: { method: "GET", path: "/api/activities/calendar/feed" },
  myVolunteerPage: { method: "GET", path: "/api/volunteers/me" },
  newActivitiesFeed: { method: "POST", path: "/api/activities/calendar/feed" },
  nominate: { method: "POST", path: "/api/massorgs/nominations" },
  nominationImportTemplate: { method: "GET", path: "/api/massorgs/nominations/import/template" },
  nominationResult: { method: "POST", path: "/api/massorgs/nominations/:id/result" },
  objectToProject: { method: "POST", path: "/api/projects/:id/objections" },
  openHazardFromItem: { method: "POST", path: "/api/safety/inspection-items/:id/hazard" },
  openapi: { method: "GET", path: "/api/openapi.json" },
  organisationsImportTemplate: { method: "GET", path: "/api/organisations/import/template" },
  partyCompliance: { method: "GET", path: "/api/party/compliance" },
  partyMeetingRecord: { method: "GET", path: "/api/party/meetings/:id/record" },
  partyMeetingsImportTemplate: { method: "GET", path: "/api/party/meetings/import/template" },
  partyMemberRoster: { method: "GET", path: "/api/party/members/roster" },
  partyMembersDue: { method: "GET", path: "/api/party/members-due" },
  partyMembersImportTemplate: { method: "GET", path: "/api/party/members/import/template" },
  patrolCheckin: { method: "POST", path: "/api/patrol/checkins" },
  patrolCheckinInfo: { method: "GET", path: "/api/patrol/points/:id/checkin-info" },
  patrolLiveFeed: { method: "GET", path: "/api/patrol/live" },
  patrolMapToday: { method: "GET", path: "/api/patrol/map/today" },
  patrolPlansImportTemplate: { method: "GET", path: "/api/patrol/plans/import/template" },
  patrolPointImportTemplate: { method: "GET", path: "/api/patrol/points/import/template" },
  patrolPointLabels: { method: "GET", path: "/api/patrol/points/labels" },
  patrolPointsGeoJson: { method: "GET", path: "/api/patrol/points/geojson" },
  patrolSync: { method: "POST", path: "/api/patrol/sync" },
  payProject: { method: "POST", path: "/api/projects/:id/payments" },
  peopleImportTemplate: { method: "GET", path: "/api/people/import/template" },
  portalCacheStats: { method: "GET", path: "/api/portal/cache" },
  portalColumns: { method: "GET", path: "/api/portal/columns" },
  portalItem: { method: "GET", path: "/api/portal/items/:id" },
  portalItems: { method: "GET", path: "/api/portal/items" },
  portalOverdue: { method: "GET", path: "/api/portal/overdue" },
  printAgreement: { method: "GET", path: "/api/safety/disputes/:id/agreement.docx" },
  privateActivitiesIcal: { method: "GET", path: "/api/public/activities/calendar/private/:token" },
  projectBudget: { method: "GET", path: "/api/projects/budget" },
  projectImportTemplate: { method: "GET", path: "/api/projects/import/template" },
  proposePortalItem: { method: "POST", path: "/api/portal/items" },
  proposeProject: { method: "POST", path: "/api/projects" },
  publicActivities: { method: "GET", path: "/api/public/activities" },
  publicActivitiesIcal: { method: "GET", path: "/api/public/activities/calendar/:communityId" },
  publicActivity: { method: "GET", path: "/api/public/activities/:id" },
  publicActivityCheckin: { method: "POST", path: "/api/public/activities/:id/checkin" },
  publicActivitySignup: { method: "POST", path: "/api/public/activities/:id/signup" },
  publicAppealOptions: { method: "GET", path: "/api/public/appeals/options" },
  publicDisclosureColumns: { method: "GET", path: "/api/public/disclosure/columns" },
  publicDisclosureCommunities: { method: "GET", path: "/api/public/disclosure/communities" },
  publicDisclosureFeed: { method: "GET", path: "/api/public/disclosure/feed/:community/:file" },
  publicDisclosureFeedback: { method: "POST", path: "/api/public/disclosure/items/:id/feedback" },
  publicDisclosureFile: { method: "GET", path: "/api/public/disclosure/items/:id/files/:fileId" },
  publicDisclosureItem: { method: "GET", path: "/api/public/disclosure/items/:id" },
  publicDisclosureItems: { method: "GET", path: "/api/public/disclosure/items" },
  publicDisclosureProjects: { method: "GET", path: "/api/public/disclosure/projects" },
  publicProject: { method: "GET", path: "/api/public/projects/:id" },
  publicProjectOptions: { method: "GET", path: "/api/public/projects/options" },
  publicProjectPhoto: { method: "GET", path: "/api/public/projects/:id/photos/:fileId" },
  publicProjectSurvey: { method: "POST", path: "/api/public/projects/:id/survey" },
  publicProjects: { method: "GET", path: "/api/public/projects" },
  publicProposeProject: { method: "POST", path: "/api/public/projects" },
  publicSubmitAppeal: { method: "POST", path: "/api/public/appeals" },
  publicTrackAppeal: { method: "GET", path: "/api/public/appeals/:trackingNo" },
  publicVisitAppeal: { method: "POST", path: "/api/public/appeals/:trackingNo/visit" },
  publiciseProject: { method: "POST", path: "/api/projects/:id/publicise" },
  putActivityType: { method: "PUT", path: "/api/activities/types" },
  putSafetyChecklist: { method: "PUT", path: "/api/safety/checklists/:id" },
  putSetting: { method: "PUT", path: "/api/settings/:key" },
  putVenueChecklist: { method: "PUT", path: "/api/activities/checklists/:kind" },
  reactivatePatrolPoint: { method: "POST", path: "/api/patrol/points/:id/reactivate" },
  readAllNotifications: { method: "POST", path: "/api/notifications/read-all" },
  readNotification: { method: "POST", path: "/api/notifications/:id/read" },
  recomputeVolunteerStars: { method: "POST", path: "/api/volunteers/stars/recompute" },
  recordActivityAttendance: { method: "POST", path: "/api/activities/:id/attendance" },
  recordActivityHeadCount: { method: "POST", path: "/api/activities/:id/head-count" },
  recordCareVisit: { method: "POST", path: "/api/care/visits" },
  recordPartyStep: { method: "POST", path: "/api/party/applicants/:id/steps" },
  recordProjectSurvey: { method: "POST", path: "/api/projects/:id/survey" },
  rectifyHazard: { method: "POST", path: "/api/safety/hazards/:id/rectify" },
  rectifyVenueIssue: { method: "POST", path: "/api/activities/issues/:id/rectify" },
  regeneratePatrolPointCode: { method: "POST", path: "/api/patrol/points/:id/regenerate-code" },
  regionsGeoJSON: { method: "GET", path: "/api/regions/geojson" },
  registerAppeal: { method: "POST", path: "/api/appeals" },
  registerTeaTalkAppeal: { method: "POST", path: "/api/activities/:id/appeals" },
  removeActivityAttendance: { method: "POST", path: "/api/activities/:id/attendance/:attendanceId/remove" },
  reportProjectProgress: { method: "POST", path: "/api/projects/:id/progress" },
  requestAppealAssist: { method: "POST", path: "/api/appeals/:id/assist" },
  requestAppealExtension: { method: "POST", path: "/api/appeals/:id/extension" },
  resetTwoFactor: { method: "POST", path: "/api/security/users/:id/reset-2fa" },
  resetUserPassword: { method: "POST", path: "/api/users/:id/reset-password" },
  resetWorkbenchLayout: { method: "DELETE", path: "/api/workbench/layout" },
  resolveProjectObjection: { method: "POST", path: "/api/projects/:id/objections/:objectionId/resolve" },
  restoreAppeal: { method: "POST", path: "/api/appeals/:id/restore" },
  restoreCareVisit: { method: "POST", path: "/api/care/visits/:id/restore" },
  restoreDispute: { method: "POST", path: "/api/safety/disputes/:id/restore" },
  restorePartyElection: { method: "POST", path: "/api/party/elections/:id/restore" },
  restorePartyMeeting: { method: "POST", path: "/api/party/meetings/:id/restore" },
  restorePatrolCheckin: { method: "POST", path: "/api/patrol/checkins/:id/restore" },
  retirePatrolPoint: { method: "POST", path: "/api/patrol/points/:id/retire" },
  returnAppeal: { method: "POST", path: "/api/appeals/:id/return" },
  revealAppellantPhone: { method: "POST", path: "/api/appeals/:id/reveal" },
  revealPerson: { method: "POST", path: "/api/people/:id/reveal" },
  reviewPatrolCheckin: { method: "POST", path: "/api/patrol/checkins/:id/review" },
  reviewPortalItem: { method: "POST", path: "/api/portal/items/:id/review" },
  reviewProject: { method: "POST", path: "/api/projects/:id/review" },
  revokeOpen311Key: { method: "POST", path: "/api/appeals/open311-keys/:id/revoke" },
  revokeScreenLink: { method: "POST", path: "/api/screen/links/:id/revoke" },
  safetyInspectionPlan: { method: "GET", path: "/api/safety/inspection-plan" },
  saveAnnualReportTemplate: { method: "PUT", path: "/api/reports/annual/:year/template" },
  savePortalColumn: { method: "PUT", path: "/api/portal/columns" },
  saveWorkbenchLayout: { method: "PUT", path: "/api/workbench/layout" },
  screenData: { method: "GET", path: "/api/screen/data" },
  screenLive: { method: "GET", path: "/api/screen/live" },
  searchAudit: { method: "GET", path: "/api/audit" },
  setVenueState: { method: "POST", path: "/api/activities/venues/:id/state" },
  signAppeal: { method: "POST", path: "/api/appeals/:id/sign" },
  signUpForActivity: { method: "POST", path: "/api/activities/:id/signups" },
  stopPatrolPlan: { method: "POST", path: "/api/patrol/plans/:id/stop" },
  streamNotifications: { method: "GET", path: "/api/notifications/stream" },
  submitPortalItem: { method: "POST", path: "/api/portal/items/:id/submit" },
  switchScope: { method: "POST", path: "/api/auth/scope" },
  transferOutPartyMember: { method: "POST", path: "/api/party/members/:id/transfer-out" },
  twoFactorConfirm: { method: "POST", path: "/api/auth/2fa/confirm" },
  twoFactorDisable: { method: "POST", path: "/api/auth/2fa/disable" },
  twoFactorRecoveryCodes: { method: "POST", path: "/api/auth/2fa/recovery-codes" },
  twoFactorSetup: { method: "POST", path: "/api/auth/2fa/setup" },
  twoFactorStatus: { method: "GET", path: "/api/auth/2fa" },
  unarchivePatrolTeam: { method: "POST", path: "/api/patrol/teams/:id/unarchive" },
  unlockUser: { method: "POST", path: "/api/users/:id/unlock" },
  updateAppealCategory: { method: "PATCH", path: "/api/appeals/categories/:code" },
  updateCareHousehold: { method: "PATCH", path: "/api/care/households/:id" },
  updateOrganisation: { method: "PATCH", path: "/api/organisations/:id" },
  updatePartyMember: { method: "PATCH", path: "/api/party/members/:id" },
  updatePartyOrg: { method: "PATCH", path: "/api/party/orgs/:id" },
  updatePatrolPlan: { method: "PATCH", path: "/api/patrol/plans/:id" },
  updatePatrolPoint: { method: "PATCH", path: "/api/patrol/points/:id" },
  updatePatrolTeam: { method: "PATCH", path: "/api/patrol/teams/:id" },
  updatePerson: { method: "PATCH", path: "/api/people/:id" },
  updateRegion: { method: "PATCH", path: "/api/regions/:id" },
  updateSafetyPlace: { method: "PATCH", path: "/api/safety/places/:id" },
  updateUser: { method: "PATCH", path: "/api/users/:id" },
  updateVenue: { method: "PATCH", path: "/api/activities/venues/:id" },
  updateVolunteer: { method: "PATCH", path: "/api/volunteers/:id" },
  uploadFile: { method: "POST", path: "/api/files" },
  usersImportTemplate: { method: "GET", path: "/api/users/import/template" },
  venueImportTemplate: { method: "GET", path: "/api/activities/venues/import/template" },
  verifyAudit: { method: "GET", path: "/api/audit/verify" },
  verifyHazard: { method: "POST", path: "/api/safety/hazards/:id/verify" },
  verifyVenueIssue: { method: "POST", path: "/api/activities/issues/:id/verify" },
  visitAppeal: { method: "POST", path: "/api/appeals/:id/visit" },
  voidAppeal: { method: "POST", path: "/api/appeals/:id/void" },
  voidCareVisit: { method: "POST", path: "/api/care/visits/:id/void" },
  voidDispute: { method: "POST", path: "/api/safety/disputes/:id/void" },
  voidPartyElection: { method: "POST", path: "/api/party/elections/:id/void" },
  voidPartyMeeting: { method: "POST", path: "/api/party/meetings/:id/void" },
  voidPatrolCheckin: { method: "POST", path: "/api/patrol/checkins/:id/void" },
  voidProjectPayment: { method: "POST", path: "/api/projects/:id/payments/:paymentId/void" },
  volunteerCertificate: { method: "GET", path: "/api/volunteers/:id/certificate.docx" },
  volunteerImportTemplate: { method: "GET", path: "/api/volunteers/import/template" },
  volunteerRecordCorrections: { method: "GET", path: "/api/volunteers/records/:id/corrections" },
  volunteerRecordImportTemplate: { method: "GET", path: "/api/volunteers/records/import/template" },
  volunteerSignIn: { method: "POST", path: "/api/volunteers/records/sign-in" },
  volunteerSignInSelf: { method: "POST", path: "/api/volunteers/me/sign-in" },
  volunteerSignOut: { method: "POST", path: "/api/volunteers/records/:id/sign-out" },
  volunteerSignOutSelf: { method: "POST", path: "/api/volunteers/me/sign-out" },
  volunteerSignUp: { method: "POST", path: "/api/volunteers/me/signups" },
  withdrawPortalItem: { method: "POST", path: "/api/portal/items/:id/withdraw" },
};
