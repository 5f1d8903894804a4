// The entry. It only starts the first screen's requests (web/app/early.ts), then loads the app
// (web/start.tsx: React, antd, the shell — most of the first-load JavaScript); evaluating that took
// a few hundred milliseconds before the first request went out.
import { setApiLang } from "./api/client";
import { startEarlyRequests } from "./app/early";
import { storedLang } from "./app/lang-store";

setApiLang(storedLang());
startEarlyRequests(window.location.pathname, window.location.search);
void import("./start");
