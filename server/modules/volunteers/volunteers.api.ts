// What other modules may use of volunteers: the only file of this module they import.
import type { VolunteerServices } from "./volunteers.services.js";

/** Handed to other modules by modules/index.ts: read helpers over the volunteers' records, in the caller's scope. */
export type VolunteersApi = {
  /** A volunteer's hours and star level on a date. */
  summary: VolunteerServices["records"]["summary"];
  /** A night patrol with its participants and the hazards it opened. */
  nightPatrol: VolunteerServices["patrols"]["get"];
};
