// Pieces shared by the party forms: the shared form dialog refreshing the party queries, and person
// pickers over the people registry and over the party members.
import type { QueryKey } from "@tanstack/react-query";
import { Select } from "antd";
import { useState } from "react";
import type { z } from "zod";
import { useI18n } from "../../app/i18n";
import { type FormDialogProps, FormDialog as SharedFormDialog } from "../../shared/form-dialog";
import { usePeopleSearch } from "../people/people-api";
import { partyKeys, useMemberPick } from "./party-api";

export { ymd } from "../../shared/form-dialog";

/** What a party form refreshes after a save. */
const PARTY_QUERIES: QueryKey[] = [partyKeys.all, ["figures"]];

/** The shared form dialog, refreshing the party queries and the figures after a save. */
export function FormDialog<V extends Record<string, unknown>, S extends z.ZodType = z.ZodType>(p: FormDialogProps<V, S>) {
  return <SharedFormDialog<V, S> invalidate={PARTY_QUERIES} {...p} />;
}

/** A person from the people registry, searched by name (masked: name, age and grid only). */
export function PeopleSelect({ value, onChange, id, ...rest }: { value?: string; onChange?: (v: string) => void; id?: string; "aria-label"?: string }) {
  const { t } = useI18n();
  const [q, setQ] = useState("");
  const people = usePeopleSearch(q);
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
  const members = useMemberPick(orgId, status, q);
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
