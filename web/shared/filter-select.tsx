// A list filter bound to the URL: the value is ?<name>=…, choosing one goes back to page 1,
// clearing it removes the parameter. One component for every list page's filter dropdowns.
import { Select, type SelectProps } from "antd";
import type { ListParams } from "./use-list-params";

export function FilterSelect<K extends string>({
  list,
  name,
  ...rest
}: { list: ListParams<K>; name: K } & Omit<SelectProps<string>, "value" | "onChange" | "allowClear">) {
  return <Select allowClear value={list.filters[name]} onChange={(v) => list.setFilters({ [name]: v } as Partial<Record<K, string>>)} {...rest} />;
}
