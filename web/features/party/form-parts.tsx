// Pieces shared by the party forms: a dialog that sends one request and shows a refusal inline,
// and person pickers over the people registry and over the party members.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Drawer, Form, type FormInstance, Modal, Select, Space } from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import type { z } from "zod";
import type { TMember } from "../../../contracts/party";
import type { TPerson } from "../../../contracts/platform";
import { api } from "../../api/client";
import type { Paged } from "../../api/types";
import { useI18n } from "../../app/i18n";
import { notify } from "../../app/notify";
import { useIsMobile } from "../../shared/use-mobile";
import { clean, validateWith } from "../../shared/zod-form";

/** A DatePicker value as the API's YYYY-MM-DD (null when empty). */
export const ymd = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

type FormDialogProps<V, S extends z.ZodType> = {
  title: ReactNode;
  onClose: () => void;
  /** The contract the server checks too: problems show on the fields before anything is sent. */
  schema: S;
  /** Form values → the request body (before the schema check). */
  body: (values: V) => unknown;
  send: (data: z.output<S>) => Promise<unknown>;
  /** Message after success; the result is passed so it can name what was saved. */
  done: string | ((result: any) => string);
  /** After success (the ["party"] queries are refreshed in any case). */
  onDone?: (result: any) => void;
  initialValues?: Partial<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  okText?: string;
  width?: number;
  /** A drawer (long forms) instead of a dialog. */
  drawer?: boolean;
  top?: ReactNode;
};

/**
 * One form, one request. A refusal of the server (a party rule, a conflict) stays in the dialog as
 * an alert so that the user can correct the input; nothing is closed or refreshed until it succeeds.
 */
export function FormDialog<V extends Record<string, unknown>, S extends z.ZodType>(p: FormDialogProps<V, S>) {
  const { t, lang } = useI18n();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const [form] = Form.useForm<V>();
  const [local, setLocal] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: p.send,
    meta: { silent: true },
    onSuccess: (r) => {
      notify.success(typeof p.done === "string" ? p.done : p.done(r));
      qc.invalidateQueries({ queryKey: ["party"] });
      qc.invalidateQueries({ queryKey: ["figures"] });
      p.onDone?.(r);
      p.onClose();
    },
  });
  const submit = (values: V) => {
    setLocal(null);
    try {
      const data = validateWith(form, p.schema, clean(p.body(values) as Record<string, unknown>), lang);
      if (data) m.mutate(data);
    } catch (e) {
      setLocal((e as Error).message);
    }
  };
  const error = local ?? m.error?.message;
  const content = (
    <Form<V> form={form} layout="vertical" onFinish={submit} initialValues={p.initialValues as any} onValuesChange={() => setLocal(null)}>
      {p.top}
      {typeof p.children === "function" ? p.children(form) : p.children}
      {error && <Alert type="error" showIcon title={error} className="party-form-error" style={{ marginTop: 4 }} />}
    </Form>
  );
  const ok = p.okText ?? t("保存", "Save");
  if (p.drawer)
    return (
      <Drawer
        open
        onClose={p.onClose}
        size={mobile ? "100%" : (p.width ?? 600)}
        title={p.title}
        destroyOnHidden
        footer={
          <Space style={{ float: "right" }}>
            <Button onClick={p.onClose}>{t("取消", "Cancel")}</Button>
            <Button type="primary" loading={m.isPending} onClick={() => form.submit()}>
              {ok}
            </Button>
          </Space>
        }
      >
        {content}
      </Drawer>
    );
  return (
    <Modal
      open
      title={p.title}
      onCancel={p.onClose}
      onOk={() => form.submit()}
      confirmLoading={m.isPending}
      okText={ok}
      cancelText={t("取消", "Cancel")}
      width={p.width}
      destroyOnHidden
    >
      {content}
    </Modal>
  );
}

/** A person from the people registry, searched by name (masked: name, age and grid only). */
export function PeopleSelect({ value, onChange, id, ...rest }: { value?: string; onChange?: (v: string) => void; id?: string; "aria-label"?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const people = useQuery({
    queryKey: ["people", "search", q],
    enabled: q.length > 0,
    queryFn: ({ signal }) => api.get<Paged<TPerson>>("/api/people", { q, pageSize: 20 }, signal),
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ onSearch: setQ, filterOption: false }}
      placeholder={t("输入姓名搜索人口库", "Type a name to search the registry")}
      notFoundContent={q ? (people.isFetching ? t("搜索中…", "Searching…") : t("人口库中没有找到", "Not found in the registry")) : null}
      options={(people.data?.items ?? []).map((p) => ({
        value: p.id,
        label: `${p.name} · ${p.gender === "M" ? t("男", "M") : t("女", "F")} · ${p.age ?? "?"}${t("岁", "y")}${p.gridName ? ` · ${p.gridName}` : ""}`,
      }))}
      aria-label={rest["aria-label"]}
    />
  );
}

/** A party member (value: the person's id), optionally of one organisation, searched by name. */
export function MemberPersonSelect({
  value,
  onChange,
  id,
  orgId,
  status,
  ...rest
}: {
  value?: string;
  onChange?: (v: string) => void;
  id?: string;
  orgId?: string;
  status?: "full" | "probationary";
  "aria-label"?: string;
}) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const members = useQuery({
    queryKey: ["party", "members", "pick", orgId, status, q],
    queryFn: ({ signal }) => api.get<Paged<TMember>>("/api/party/members", { orgId, status, q: q || undefined, pageSize: 50 }, signal),
  });
  return (
    <Select
      id={id}
      value={value}
      onChange={onChange}
      showSearch={{ onSearch: setQ, filterOption: false }}
      placeholder={t("输入姓名搜索党员", "Type a name to search the members")}
      options={(members.data?.items ?? []).map((m) => ({ value: m.personId, label: `${m.name} · ${m.orgName.replace(/^中共\S*?社区/, "")}` }))}
      aria-label={rest["aria-label"]}
    />
  );
}
