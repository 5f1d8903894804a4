// The one form of the web app: a form checked with the contract's zod schema (the same one the
// server checks) before anything is sent, one request, and a refusal of the server shown at its
// field or once in the form. `FormDialog`: in a dialog, or a drawer for long forms, full width on a
// phone; `ShapedForm`: the same form on a page (login, registration, the public phone pages).
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

/** What a form does, wherever it is shown: check, shape, send once, show a refusal once. */
export type ShapedFormCore<V, S extends z.ZodType> = {
  /** The contract the server checks too: problems show on the fields before anything is sent. */
  schema?: S;
  /** Form values → the request body (before the schema check; strings trimmed, "" → null). */
  body?: (values: V) => unknown;
  /** Send strings as typed (passwords): no trimming, no "" → null. */
  raw?: boolean;
  send: (data: z.output<S>, values: V) => Promise<unknown>;
  /** Message after success (the result is passed so it can name what was saved); null: none. */
  done?: string | null | ((result: any) => string);
  /** Queries to refresh after success (prefix keys, e.g. ["party"]). */
  invalidate?: QueryKey[];
  /** After success (in a dialog: before it closes). */
  onDone?: (result: any, values: V) => void;
  initialValues?: Partial<V>;
  /** The caller's own form (to watch fields); one is made otherwise. Mount the dialog when it opens
   * (`{editing && <XForm …/>}`), so each opening starts from its initial values. */
  form?: FormInstance<V>;
  children: ReactNode | ((form: FormInstance<V>) => ReactNode);
  top?: ReactNode;
  /** The form's layout (vertical by default). */
  layout?: "vertical" | "horizontal" | "inline";
  requiredMark?: boolean;
  /** The controls' size (large on the login and the public phone pages). */
  size?: "small" | "middle" | "large";
  onValuesChange?: (changed: Partial<V>, all: V) => void;
};

export type FormDialogProps<V, S extends z.ZodType> = ShapedFormCore<V, S> & {
  title: ReactNode;
  onClose: () => void;
  /** Message after success (the result is passed so it can name what was saved); null: none. */
  done: string | null | ((result: any) => string);
  /** Keep the dialog open after success (the caller closes it from onDone). */
  stayOpen?: boolean;
  okText?: ReactNode;
  cancelText?: ReactNode;
  okDanger?: boolean;
  okDisabled?: boolean;
  width?: number;
  /** A drawer (long forms) instead of a dialog. */
  drawer?: boolean;
  /** More buttons in the footer, before Cancel. */
  extraButtons?: ReactNode;
};

/** A form on a page (login, registration, the public phone pages): the same form, its button below it. */
export type ShapedFormProps<V, S extends z.ZodType> = ShapedFormCore<V, S> & {
  submitText: ReactNode;
  /** The button across the whole width (phone pages). */
  block?: boolean;
  /** The button's size when it differs from the fields' (a large button under normal fields). */
  submitSize?: "small" | "middle" | "large";
  /** More buttons after the submit button (e.g. Cancel). */
  actions?: ReactNode;
  submitTestId?: string;
  /** A red button (the submit turns something off or removes it). */
  danger?: boolean;
  /** Shown above the button (e.g. a warning about duplicates). */
  bottom?: ReactNode;
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
 * One form, one request. A refusal of the server (a rule, a conflict) stays in the form so that
 * the user can correct the input; nothing is closed or refreshed until it succeeds. The error is
 * shown here only (the mutation is silent for the global toast): at the top of a dialog, above the
 * button of a page form.
 */
function useShapedForm<V extends Record<string, unknown>, S extends z.ZodType>(p: ShapedFormCore<V, S>, after?: () => void) {
  const { lang } = useI18n();
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
      after?.();
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
  const alert = problem && <Alert type="error" showIcon title={problem} className="form-dialog-error" data-testid="form-error" style={{ marginBottom: 16 }} />;
  const render = (where: "top" | "end", end?: ReactNode) => (
    <Form<V>
      form={form}
      layout={p.layout ?? "vertical"}
      requiredMark={p.requiredMark}
      size={p.size}
      onFinish={submit}
      initialValues={p.initialValues as any}
      onValuesChange={(c, all) => {
        setProblem(null);
        p.onValuesChange?.(c, all);
      }}
    >
      {where === "top" && alert}
      {p.top}
      {typeof p.children === "function" ? p.children(form) : p.children}
      {where === "end" && alert}
      {end}
    </Form>
  );
  return { form, pending: m.isPending, render };
}

/** A form on a page, not in a dialog: the same checks, one request, the refusal shown once above the button. */
export function ShapedForm<V extends Record<string, unknown>, S extends z.ZodType = z.ZodType>(p: ShapedFormProps<V, S>) {
  const { pending, render } = useShapedForm(p);
  return render(
    "end",
    <>
      {p.bottom}
      {p.actions ? (
        <Space wrap>
          <Button type="primary" danger={p.danger} htmlType="submit" block={p.block} size={p.submitSize} loading={pending} data-testid={p.submitTestId}>
            {p.submitText}
          </Button>
          {p.actions}
        </Space>
      ) : (
        <Button type="primary" danger={p.danger} htmlType="submit" block={p.block} size={p.submitSize} loading={pending} data-testid={p.submitTestId}>
          {p.submitText}
        </Button>
      )}
    </>,
  );
}

/** The form in a dialog, or a drawer for long forms; full width on a phone. */
export function FormDialog<V extends Record<string, unknown>, S extends z.ZodType = z.ZodType>(p: FormDialogProps<V, S>) {
  const { t } = useI18n();
  const mobile = useIsMobile();
  const { form, pending, render } = useShapedForm(p, () => {
    if (!p.stayOpen) p.onClose();
  });
  const content = render("top");
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
            <Button type="primary" danger={p.okDanger} disabled={p.okDisabled} loading={pending} onClick={() => form.submit()}>
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
      confirmLoading={pending}
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
