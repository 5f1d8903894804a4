// antd's message needs the App context (theme, locale). Code outside React (the query client's
// global error handler) reaches it through this bridge.
import { App } from "antd";
import type { MessageInstance } from "antd/es/message/interface";

let holder: MessageInstance | null = null;

export function NotifyBridge() {
  const { message } = App.useApp();
  holder = message;
  return null;
}

export const notify = {
  error: (text: string) => holder?.error(text),
  success: (text: string) => holder?.success(text),
  warning: (text: string) => holder?.warning(text),
};
