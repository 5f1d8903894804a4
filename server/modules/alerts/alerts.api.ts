// What other modules may use of the workbench: nothing yet (alerts reach accounts through the
// platform's notifications, jobs through the platform's scheduler).
export type AlertsApi = Record<string, never>;
