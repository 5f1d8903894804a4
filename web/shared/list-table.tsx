// A server-paginated table with the three states every list needs: loading, empty, error.
import type { UseQueryResult } from "@tanstack/react-query";
import { Alert, Button, Empty, Table, type TableProps } from "antd";
import type { ReactNode } from "react";
import type { Paged } from "../api/types";
import { useI18n } from "../app/i18n";
import type { ListParams } from "./use-list-params";

export function QueryError({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert
      type="error"
      showIcon
      title={t("加载失败", "Could not load")}
      description={error.message}
      action={
        onRetry && (
          <Button size="small" onClick={onRetry}>
            {t("重试", "Retry")}
          </Button>
        )
      }
    />
  );
}

type TableRest<T> = Omit<TableProps<T>, "dataSource" | "loading" | "pagination">;
type Props<T> = TableRest<T> & {
  query: UseQueryResult<Paged<T>>;
  list: ListParams<string>;
  /** Shown when the list is empty; say why and what to do. */
  empty?: ReactNode;
};

export function ListTable<T extends object>({ query, list, empty, ...rest }: Props<T>) {
  return <StatefulTable<T> query={query} rows={query.data?.items ?? []} total={query.data?.total} list={list} empty={empty} {...rest} />;
}

/**
 * The same table for a list the client holds whole (a community's plans or teams): the rows are
 * the query's data as the page filtered it; the table pages them, the page number in the URL.
 */
export function RowsTable<T extends object>({
  query,
  rows,
  list,
  empty,
  ...rest
}: TableRest<T> & { query: UseQueryResult<unknown>; rows: T[]; list: ListParams<string>; empty?: ReactNode }) {
  return <StatefulTable<T> query={query} rows={rows} total={rows.length} list={list} empty={empty} {...rest} />;
}

function StatefulTable<T extends object>({
  query,
  rows,
  total,
  list,
  empty,
  ...rest
}: TableRest<T> & { query: UseQueryResult<unknown>; rows: T[]; total: number | undefined; list: ListParams<string>; empty?: ReactNode }) {
  const { t } = useI18n();
  if (query.isError && !query.data) return <QueryError error={query.error} onRetry={() => query.refetch()} />;
  return (
    <>
      {query.isError && query.data !== undefined && <QueryError error={query.error} onRetry={() => query.refetch()} />}
      <Table<T>
        size="medium"
        scroll={{ x: "max-content" }}
        {...rest}
        dataSource={rows}
        loading={query.isFetching}
        pagination={list.pagination(total)}
        locale={{
          emptyText: query.isPending ? " " : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty ?? t("暂无数据", "No data")} />,
        }}
      />
    </>
  );
}
