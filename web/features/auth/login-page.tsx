import { CheckCircleOutlined, LockOutlined, UserOutlined } from "@ant-design/icons";
import { Card, Form, Input } from "antd";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { LangSwitch } from "../../app/shell";
import { ShapedForm } from "../../shared/form-dialog";

type Values = { username: string; password: string };

export default function LoginPage() {
  const { me, login } = useAuth();
  const { t } = useI18n();
  const nav = useNavigate();
  const [sp] = useSearchParams();
  const next = sp.get("next");
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";

  if (me) return <Navigate to={target} replace />;

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
          <div className="login-card-head">
            <span className="brand-mark">社</span>
            <h2 className="login-card-title">{t("社区 · 数字社区工作台", "Shequ · Community workbench")}</h2>
            <div className="login-card-sub">{t("请使用您的工作账号登录", "Sign in with your work account")}</div>
          </div>
          <ShapedForm<Values>
            size="large"
            requiredMark={false}
            raw
            send={(_, v) => login(v.username.trim(), v.password)}
            onDone={() => nav(target, { replace: true })}
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
          <div className="login-foot">{t("忘记密码或账号被锁定，请联系安全管理员", "Forgot your password or locked out? Ask the security administrator")}</div>
        </Card>
      </section>
    </div>
  );
}
