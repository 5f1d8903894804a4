import { CheckCircleOutlined, LockOutlined, UserOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Form, Input } from "antd";
import { useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import type { TEnrolment } from "../../../contracts/security";
import { api } from "../../api/client";
import type { Me } from "../../api/types";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { LangSwitch } from "../../app/shell";
import { ShapedForm } from "../../shared/form-dialog";
import { CodeInput, Enrolment, RecoveryCodes } from "./two-factor";

type Values = { username: string; password: string };
/** The sign-in's steps: the password, then a code or (where required and not yet done) the enrolment, then the recovery codes once. */
type Step = { k: "password" } | { k: "verify" } | { k: "enrol" } | { k: "codes"; me: Me; codes: string[] };

export default function LoginPage() {
  const { me, login, signedIn } = useAuth();
  const [step, setStep] = useState<Step>({ k: "password" });
  /** Why the sign-in went back to the password step (the code's challenge ended). */
  const [notice, setNotice] = useState<string | null>(null);
  const { t } = useI18n();
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const next = sp.get("next");
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";

  if (me && step.k !== "codes") return <Navigate to={target} replace />;

  // The password step's answer: signed in, or the code (or the enrolment) comes next.
  const afterPassword = (r: Awaited<ReturnType<typeof login>>) => {
    if ("twoFactor" in r) setStep({ k: r.twoFactor });
    else nav(target, { replace: true });
  };
  const sendCode = async (code: string) => {
    try {
      return await api.post<Me>("/api/auth/login/code", { code: code.trim() });
    } catch (e) {
      const err = e as Error & { code?: string };
      // The challenge ended (expired, too many codes, locked): back to the password, saying why.
      if (err.code === "NO_CHALLENGE" || err.code === "LOCKED") {
        setNotice(err.message);
        setStep({ k: "password" });
      }
      throw e;
    }
  };
  const back = () => {
    setNotice(null);
    setStep({ k: "password" });
  };

  const panel =
    step.k === "verify" ? (
      <>
        <div className="login-card-head">
          <h2 className="login-card-title">{t("两步验证", "Two-factor sign-in")}</h2>
          <div className="login-card-sub">{t("请输入手机身份验证器上显示的 6 位验证码", "Enter the 6-digit code your authenticator app shows")}</div>
        </div>
        <ShapedForm<{ code: string }>
          size="large"
          requiredMark={false}
          raw
          send={(_, v) => sendCode(v.code)}
          onDone={(m: Me) => {
            signedIn(m);
            nav(target, { replace: true });
          }}
          submitText={t("验证", "Verify")}
          block
        >
          <CodeInput recovery />
        </ShapedForm>
        <Button type="link" block onClick={back} style={{ marginTop: 8 }}>
          {t("返回重新登录", "Back to sign-in")}
        </Button>
      </>
    ) : step.k === "enrol" ? (
      <>
        <div className="login-card-head">
          <h2 className="login-card-title">{t("启用两步验证", "Turn on two-factor sign-in")}</h2>
          <div className="login-card-sub">
            {t("您的角色须使用两步验证，启用后才能进入系统", "Your role requires two-factor sign-in; turn it on to continue")}
          </div>
        </div>
        <Enrolment
          start={() => api.post<TEnrolment>("/api/auth/login/enrolment")}
          confirm={(code) => api.post<Me & { recoveryCodes: string[] }>("/api/auth/login/enrolment/confirm", { code })}
          onConfirmed={({ recoveryCodes, ...m }) => {
            signedIn(m);
            setStep({ k: "codes", me: m, codes: recoveryCodes });
          }}
        />
        <Button type="link" block onClick={back} style={{ marginTop: 8 }}>
          {t("返回重新登录", "Back to sign-in")}
        </Button>
      </>
    ) : step.k === "codes" ? (
      <RecoveryCodes
        codes={step.codes}
        onDone={() => nav(target, { replace: true })}
        doneText={t("我已保存恢复码，进入系统", "I have saved the codes — continue")}
      />
    ) : null;

  const points: Array<[string, string]> = [
    ["人口、房屋、组织一本账，网格定格定责", "One register of people, housing and organisations; every grid has its worker"],
    ["民意速办、巡查、调解全流程留痕", "Appeals, patrols and mediation recorded end to end"],
    ["工作台数字由业务记录实时计算，点开即见明细", "Dashboard numbers computed from records, one click from the details"],
    ["个人信息脱敏展示，查看留痕可追溯", "Personal data masked by default; every reveal is audited"],
  ];

  return (
    <div className="login">
      <section className="login-hero">
        <div className="login-hero-mark">社</div>
        <h1>{t("社区", "Shequ 社区")}</h1>
        <p className="tagline">{t("数字社区工作台 · 让基层治理有数可依", "Digital community workbench for neighbourhood governance")}</p>
        <ul className="login-points">
          {points.map(([zh, en]) => (
            <li key={zh}>
              <CheckCircleOutlined />
              <span>{t(zh, en)}</span>
            </li>
          ))}
        </ul>
      </section>
      <section className="login-panel">
        <div className="login-lang">
          <LangSwitch />
        </div>
        <Card className="login-card" styles={{ body: { padding: "32px 32px 24px" } }}>
          {panel ?? (
            <>
              <div className="login-card-head">
                <span className="brand-mark">社</span>
                <h2 className="login-card-title">{t("社区 · 数字社区工作台", "Shequ · Community workbench")}</h2>
                <div className="login-card-sub">{t("请使用您的工作账号登录", "Sign in with your work account")}</div>
              </div>
              <ShapedForm<Values>
                size="large"
                requiredMark={false}
                raw
                top={notice && <Alert type="warning" showIcon title={notice} style={{ marginBottom: 16 }} />}
                onValuesChange={() => notice && setNotice(null)}
                send={(_, v) => login(v.username.trim(), v.password)}
                onDone={afterPassword}
                submitText={t("登录", "Log in")}
                block
              >
                <Form.Item name="username" label={t("用户名", "Username")} rules={[{ required: true, message: t("请输入用户名", "Enter your username") }]}>
                  <Input prefix={<UserOutlined />} autoComplete="username" autoFocus placeholder={t("用户名", "Username")} />
                </Form.Item>
                <Form.Item name="password" label={t("密码", "Password")} rules={[{ required: true, message: t("请输入密码", "Enter your password") }]}>
                  <Input.Password prefix={<LockOutlined />} autoComplete="current-password" placeholder={t("密码", "Password")} />
                </Form.Item>
              </ShapedForm>
            </>
          )}
          <div className="login-foot">{t("忘记密码或账号被锁定，请联系安全管理员", "Forgot your password or locked out? Ask the security administrator")}</div>
        </Card>
      </section>
    </div>
  );
}
