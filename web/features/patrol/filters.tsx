// The filters the patrol lists share: the force (社区 / 警区 / 股份公司安保), and for the lists the
// client holds whole (plans, teams) a name search and an in-use / out-of-use state.
import { Input, Select } from "antd";
import { useMemo } from "react";
import { PATROL_FORCE_LABELS } from "../../../contracts/patrol";
import { useI18n } from "../../app/i18n";
import { FilterSelect } from "../../shared/filter-select";
import type { ListParams } from "../../shared/use-list-params";

export const forceOptions = (lang: "zh" | "en") => Object.entries(PATROL_FORCE_LABELS).map(([value, l]) => ({ value, label: l[lang] }));

/** ?force= of a patrol list. */
export function ForceFilter<K extends string>({ list }: { list: ListParams<K | "force"> }) {
  const { t, lang } = useI18n();
  return <FilterSelect list={list} name="force" placeholder={t("全部力量", "All forces")} options={forceOptions(lang)} aria-label={t("巡查力量", "Force")} />;
}

type StateFilter = {
  /** The label of the default state: in use (执行中 / 在用). */
  inUse: string;
  /** The other state's value in the URL and its label (stopped / archived). */
  out: { value: string; label: string };
};
type Keys = "q" | "force" | "state";

/** The rows of a whole list that match ?q= (in the name), ?force= and ?state= (in use by default). */
export function useNameForceStateRows<T extends { name: string; force: string }>(data: T[] | undefined, list: ListParams<Keys>, inUse: (x: T) => boolean) {
  const { q, force } = list.filters;
  const state = list.filters.state ?? "active";
  return useMemo(
    () => (data ?? []).filter((x) => (!force || x.force === force) && (state === "all" || inUse(x) === (state === "active")) && (!q || x.name.includes(q))),
    [data, force, q, state, inUse],
  );
}

/** The filter bar of such a list: name search, force, state (in use, the other, all). */
export function NameForceStateFilters({
  list,
  search,
  states,
}: {
  list: ListParams<Keys>;
  search: { placeholder: string; label: string };
  states: StateFilter;
}) {
  const { t } = useI18n();
  return (
    <div className="filter-bar">
      <Input.Search
        className="grow"
        allowClear
        defaultValue={list.filters.q}
        onSearch={(v) => list.setFilters({ q: v })}
        placeholder={search.placeholder}
        aria-label={search.label}
      />
      <ForceFilter list={list} />
      <Select
        value={list.filters.state ?? "active"}
        onChange={(v) => list.setFilters({ state: v === "active" ? undefined : v })}
        options={[{ value: "active", label: states.inUse }, states.out, { value: "all", label: t("全部", "All") }]}
        aria-label={t("状态", "State")}
      />
    </div>
  );
}
