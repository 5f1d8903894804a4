// The resident's side on a phone (no account): the activity's check-in page its QR code opens
// (/public/activities/checkin/:id?k=…), and sign-up (/public/activities/signup/:id).
import { Alert, Button, Card, Form, Input, InputNumber, Result, Segmented, Space, Typography } from "antd";
import { useState } from "react";
import { Link, Route, Routes, useLocation, useParams, useSearchParams } from "react-router";
import { ZCheckin, ZPublicSignup } from "../../../contracts/activities";
import { api } from "../../api/client";
import { useAuth } from "../../app/auth";
import { useI18n } from "../../app/i18n";
import { ShapedForm } from "../../shared/form-dialog";
import { fmtDateTime } from "../../shared/format";
import { useSelfSignIn } from "../volunteers/volunteers-api";
import { type PublicActivity, usePublicActivity } from "./activities-api";

type Msg = { zh: string; en: string };

function Frame({ children }: { children: React.ReactNode }) {
  const { t, lang, setLang } = useI18n();
  return (
    <div style={{ maxWidth: 480, margin: "0 auto", padding: 16 }}>
      <Space style={{ width: "100%", justifyContent: "space-between", marginBottom: 12 }}>
        <Typography.Title level={4} style={{ margin: 0 }}>
          {t("社区活动", "Community activity")}
        </Typography.Title>
        <Segmented
          size="small"
          value={lang}
          onChange={(v) => setLang(v as "zh" | "en")}
          options={[
            { value: "zh", label: "中文" },
            { value: "en", label: "EN" },
          ]}
        />
      </Space>
      {children}
    </div>
  );
}

function Head({ a }: { a: PublicActivity }) {
  const { t } = useI18n();
  return (
    <>
      <Typography.Title level={5} style={{ marginTop: 0 }} data-testid="activity-title">
        {a.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 16 }}>
        {fmtDateTime(a.startsAt)} — {fmtDateTime(a.endsAt).slice(11)}
        <br />
        {a.venueName ?? a.location ?? t("地点待定", "Place to be announced")}
      </Typography.Paragraph>
    </>
  );
}

/**
 * A volunteer who scans the activity's QR code signs in for their service hours here (their own
 * record, signed out on 我的志愿服务); not signed in, they are offered the login and come back.
 */
function VolunteerSignIn({ activityId, k }: { activityId: string; k: string }) {
  const { t } = useI18n();
  const { me, can } = useAuth();
  const loc = useLocation();
  const m = useSelfSignIn(activityId, k);
  if (!me)
    return (
      <Typography.Paragraph type="secondary" style={{ marginTop: 16, textAlign: "center" }}>
        <Link to={`/login?next=${encodeURIComponent(loc.pathname + loc.search)}`} data-testid="volunteer-login">
          {t("我是志愿者：登录后签到服务时数", "Volunteering here? Log in to sign in for your hours")}
        </Link>
      </Typography.Paragraph>
    );
  if (!can("volunteers.self")) return null;
  return (
    <Card size="small" style={{ marginTop: 16 }} title={t("志愿者服务签到", "Volunteer sign-in")}>
      {m.isSuccess ? (
        <Alert
          type="success"
          showIcon
          data-testid="volunteer-signed-in"
          title={t("已签到志愿服务，服务结束时请签退", "Signed in for your volunteer service: sign out when you finish")}
          description={<Link to="/my-volunteer">{t("去“我的志愿服务”签退", "Go to My volunteer service to sign out")}</Link>}
        />
      ) : (
        <>
          {m.isError && <Alert type="error" showIcon title={(m.error as Error).message} style={{ marginBottom: 12 }} />}
          <Button size="large" block loading={m.isPending} onClick={() => m.mutate()} data-testid="volunteer-sign-in">
            {t("我是志愿者，签到服务", "I volunteer here: sign in")}
          </Button>
        </>
      )}
    </Card>
  );
}

function Checkin() {
  const { id = "" } = useParams();
  const [sp] = useSearchParams();
  const k = sp.get("k") ?? "";
  const { t, lang } = useI18n();
  const a = usePublicActivity(id);
  const [mode, setMode] = useState<"code" | "name">("name");
  const [done, setDone] = useState<{ already: boolean; message: Msg; name: string } | null>(null);
  if (a.isError) return <Result status="404" title={t("活动不存在", "No such activity")} />;
  if (!a.data) return <Card loading />;
  if (done)
    return (
      <Result
        status={done.already ? "info" : "success"}
        title={<span data-testid="checkin-result">{done.message[lang]}</span>}
        subTitle={`${a.data.title} · ${done.name ?? ""}`}
      />
    );
  return (
    <Card>
      <Head a={a.data} />
      <Segmented
        block
        value={mode}
        onChange={(v) => setMode(v as "code" | "name")}
        options={[
          { value: "name", label: t("姓名和手机号", "Name and phone") },
          { value: "code", label: t("报名确认码", "Sign-up code") },
        ]}
        style={{ marginBottom: 16 }}
      />
      <ShapedForm<Record<string, string>>
        size="large"
        schema={ZCheckin}
        body={(v) => ({ k, ...(mode === "code" ? { signupCode: v.signupCode } : { name: v.name, phone: v.phone }) })}
        send={(body) => api.post<{ already: boolean; message: Msg; name: string }>(`/api/public/activities/${id}/checkin`, body)}
        onDone={setDone}
        submitText={t("签到", "Check in")}
        block
      >
        {mode === "code" ? (
          <Form.Item name="signupCode" label={t("确认码", "Code")} rules={[{ required: true }]}>
            <Input maxLength={12} autoComplete="off" />
          </Form.Item>
        ) : (
          <>
            <Form.Item name="name" label={t("姓名", "Name")} rules={[{ required: true, message: t("请填写姓名", "Give your name") }]}>
              <Input maxLength={40} />
            </Form.Item>
            <Form.Item
              name="phone"
              label={t("手机号", "Phone")}
              rules={[{ required: true, pattern: /^1\d{10}$/, message: t("请填写 11 位手机号", "11-digit phone number") }]}
            >
              <Input inputMode="numeric" maxLength={11} />
            </Form.Item>
          </>
        )}
      </ShapedForm>
      <VolunteerSignIn activityId={id} k={k} />
    </Card>
  );
}

function Signup() {
  const { id = "" } = useParams();
  const { t, lang } = useI18n();
  const a = usePublicActivity(id);
  const [done, setDone] = useState<{ code: string; status: string; message: Msg } | null>(null);
  if (a.isError) return <Result status="404" title={t("活动不存在", "No such activity")} />;
  if (!a.data) return <Card loading />;
  if (done)
    return (
      <Result
        status={done.status === "waitlist" ? "warning" : "success"}
        title={done.message[lang]}
        subTitle={
          <span>
            {t("确认码", "Code")}:{" "}
            <Typography.Text strong copyable data-testid="signup-code">
              {done.code}
            </Typography.Text>
          </span>
        }
      />
    );
  return (
    <Card>
      <Head a={a.data} />
      {a.data.seatsLeft != null && (
        <Typography.Paragraph>
          {a.data.seatsLeft > 0
            ? t(`剩余名额 ${a.data.seatsLeft}`, `${a.data.seatsLeft} places left`)
            : t("名额已满，可报名候补", "Full: you can join the waiting list")}
        </Typography.Paragraph>
      )}
      <ShapedForm<Record<string, unknown>>
        size="large"
        schema={ZPublicSignup}
        initialValues={{ partySize: 1 }}
        send={(body) => api.post<{ code: string; status: string; message: Msg }>(`/api/public/activities/${id}/signup`, body)}
        onDone={setDone}
        submitText={t("报名", "Sign up")}
        block
      >
        <Form.Item name="name" label={t("姓名", "Name")} rules={[{ required: true, message: t("请填写姓名", "Give your name") }]}>
          <Input maxLength={40} />
        </Form.Item>
        <Form.Item
          name="phone"
          label={t("手机号", "Phone")}
          rules={[{ required: true, pattern: /^1\d{10}$/, message: t("请填写 11 位手机号", "11-digit phone number") }]}
        >
          <Input inputMode="numeric" maxLength={11} />
        </Form.Item>
        <Form.Item name="partySize" label={t("人数", "Persons")}>
          <InputNumber min={1} max={10} />
        </Form.Item>
      </ShapedForm>
    </Card>
  );
}

export default function PublicActivitiesPage() {
  return (
    <Frame>
      <Routes>
        <Route path="checkin/:id" element={<Checkin />} />
        <Route path="signup/:id" element={<Signup />} />
        <Route path="*" element={<Result status="404" />} />
      </Routes>
    </Frame>
  );
}
