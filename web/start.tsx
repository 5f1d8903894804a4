// The app, loaded by the entry (web/main.tsx) once it has sent the first screen's requests.
import { QueryClientProvider } from "@tanstack/react-query";
import { App, ConfigProvider } from "antd";
import enUS from "antd/locale/en_US";
import zhCN from "antd/locale/zh_CN";
import { type ReactNode, StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { BrowserRouter } from "react-router";
import { AuthProvider } from "./app/auth";
import { LangProvider, useI18n } from "./app/i18n";
import { preloadRoute } from "./app/modules";
import { NotifyBridge } from "./app/notify";
import { queryClient } from "./app/query";
import { AppRoutes } from "./app/router";
import { theme } from "./app/theme";
import "antd/dist/antd.css";
import "./styles.css";

// antd says "请输入…" of every required field, a select or a date too: one wording that fits them all.
// biome-ignore lint/suspicious/noTemplateCurlyInString: antd fills ${label} in itself
const REQUIRED = { zh: "${label}为必填项", en: "${label} is required" } as const;

function Themed({ children }: { children: ReactNode }) {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === "zh" ? zhCN : enUS} theme={theme} form={{ validateMessages: { required: REQUIRED[lang] } }}>
      <App>
        <NotifyBridge />
        {children}
      </App>
    </ConfigProvider>
  );
}

// Server labels and messages come in the UI language: refetch them when it changes.
const onLangChange = () => void queryClient.invalidateQueries();

preloadRoute(queryClient, window.location.pathname, window.location.search);

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <LangProvider onChange={onLangChange}>
          <Themed>
            <BrowserRouter>
              <AuthProvider>
                <AppRoutes />
              </AuthProvider>
            </BrowserRouter>
          </Themed>
        </LangProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
