// The one form dialog of the web app: a form checked with the contract's zod schema (the same one
// the server checks) before anything is sent, one request, and a refusal of the server shown at its
// field or once at the top of the form. A dialog, or a drawer for long forms; full width on a phone.
import { type QueryKey, useMutation, useQueryClient } from "@tanstack/react-query";
import { Alert, Button, Drawer, Form, type FormInstance, Modal, Space } from "antd";
import type { Dayjs } from "dayjs";
import { type ReactNode, useState } from "react";
import type { z } from "zod";
import { ApiError } from "../api/client";
import { useI18n } from "../app/i18n";
import { notify } from "../app/notify";
import { useIsMobile } from "./use-mobile";
import { clean, validateWith } from "./zod-form";

/** A DatePicker value as the API's YYYY-MM-DD (null when empty). */
export const ymd = (d: Dayjs | null | undefined) => (d ? d.format("YYYY-MM-DD") : null);

export type FormDialogProps<V, S extends z.ZodType> = {
  title: ReactNode;
  onClose: () => void;
  /** The contract the server checks too: problems show on the fields before anything is sent. */
  schema?: S;
  /** Form values → the request body (before the schema check; strings trimmed, "" → null). */
  body?: (values: V) => unknown;
  /** Send strings as typed (passwords): no trimming, no "" → null. */
  raw?: boolean;
  send: (data: z.output<S>, values: V) => Promise<unknown>;
  /** Message after success (the result is passed so it can name what was saved); null: none. */
  done: string | null | ((result: any) => string);
  /** Queries to refresh after success (prefix keys, e.g. ["party"]). */
  invalidate?: QueryKey[];
  /** After success, before the dialog closes. */
  onDone?: (result: any, values: V) => void;
  /** Keep the dialog open after success (the caller closes it from onDone). */
  stayOpen?: boolean;
  initialValues?: Partial<V>;
  /** The caller's own form (to watch fields); one is made otherwise. Mount the dialog when it opens
   * (`{editing && <XForm …/>}`), so each opening starts from its initial values. */
  form?: FormInstance<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  okText?: ReactNode;
  cancelText?: ReactNode;
  okDanger?: boolean;
  okDisabled?: boolean;
  width?: number;
  /** A drawer (long forms) instead of a dialog. */
  drawer?: boolean;
  top?: ReactNode;
  /** More buttons in the footer, before Cancel. */
  extraButtons?: ReactNode;
  /** The form's layout (vertical by default). */
  layout?: "vertical" | "horizontal" | "inline";
  requiredMark?: boolean;
  onValuesChange?: (changed: Partial<V>, all: V) => void;
};

/** A server refusal: the fields it names (VALIDATION details `body.<field>`) and what is left for the top. */
function serverProblems(e: Error, form: FormInstance): string | null {
  if (!(e instanceof ApiError) || !Array.isArray(e.details)) return e.message;
  const registered = new Set(form.getFieldsError().map((f) => String(f.name[0])));
  const byField = new Map<string, string[]>();
  let rest = false;
  for (const d of e.details as Array<{ path?: string; message?: string }>) {
    const name = typeof d?.path === "string" ? d.path.replace(/^body\.?/, "").split(".")[0] : "";
    if (name && registered.has(name) && d.message) byField.set(name, [...(byField.get(name) ?? []), d.message]);
    else rest = true;
  }
  if (byField.size) form.setFields([...byField].map(([name, errors]) => ({ name, errors })));
  return rest || !byField.size ? e.message : null;
}

/**
 * One form, one request. A refusal of the server (a rule, a conflict) stays in the dialog so that
 * the user can correct the input; nothing is closed or refreshed until it succeeds. The error is
 * shown here only (the mutation is silent for the global toast).
 */
export function FormDialog<V extends Record<string, unknown>, S extends z.ZodType = z.ZodType>(p: FormDialogProps<V, S>) {
  const { t, lang } = useI18n();
  const mobile = useIsMobile();
  const qc = useQueryClient();
  const [own] = Form.useForm<V>();
  const form = p.form ?? own;
  const [problem, setProblem] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: ({ data, values }: { data: z.output<S>; values: V }) => p.send(data, values),
    meta: { silent: true },
    onError: (e) => setProblem(serverProblems(e, form)),
    onSuccess: (r, { values }) => {
      if (p.done) notify.success(typeof p.done === "string" ? p.done : p.done(r));
      for (const queryKey of p.invalidate ?? []) qc.invalidateQueries({ queryKey });
      p.onDone?.(r, values);
      if (!p.stayOpen) p.onClose();
    },
  });
  const submit = (values: V) => {
    setProblem(null);
    try {
      const shaped = (p.body ? p.body(values) : values) as Record<string, unknown>;
      const raw = p.raw ? shaped : clean(shaped);
      const data = p.schema ? validateWith(form, p.schema, raw, lang) : (raw as z.output<S>);
      if (data) m.mutate({ data, values });
    } catch (e) {
      setProblem((e as Error).message);
    }
  };
  const content = (
    <Form<V>
      form={form}
      layout={p.layout ?? "vertical"}
      requiredMark={p.requiredMark}
      onFinish={submit}
      initialValues={p.initialValues as any}
      onValuesChange={(c, all) => {
        setProblem(null);
        p.onValuesChange?.(c, all);
      }}
    >
      {problem && <Alert type="error" showIcon title={problem} className="form-dialog-error" data-testid="form-error" style={{ marginBottom: 16 }} />}
      {p.top}
      {typeof p.children === "function" ? p.children(form) : p.children}
    </Form>
  );
  const ok = p.okText ?? t("保存", "Save");
  // On a phone both kinds are a full-screen drawer: the footer stays in reach, nothing is cut off.
  if (p.drawer || mobile)
    return (
      <Drawer
        open
        onClose={p.onClose}
        size={mobile ? "100%" : (p.width ?? 600)}
        title={p.title}
        destroyOnHidden
        footer={
          <Space style={{ float: "right" }} wrap>
            {p.extraButtons}
            <Button onClick={p.onClose}>{p.cancelText ?? t("取消", "Cancel")}</Button>
            <Button type="primary" danger={p.okDanger} disabled={p.okDisabled} loading={m.isPending} onClick={() => form.submit()}>
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
      okButtonProps={{ danger: p.okDanger, disabled: p.okDisabled }}
      cancelText={p.cancelText ?? t("取消", "Cancel")}
      width={p.width}
      destroyOnHidden
      footer={
        p.extraButtons
          ? (_, { OkBtn, CancelBtn }) => (
              <>
                {p.extraButtons}
                <CancelBtn />
                <OkBtn />
              </>
            )
          : undefined
      }
    >
      {content}
    </Modal>
  );
}
