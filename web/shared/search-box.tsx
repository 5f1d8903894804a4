import { Input } from "antd";
import { useEffect, useState } from "react";

/** A list's search box: keeps its own text while typing, writes to the URL on Enter / search / clear. */
export function SearchBox({ value, onSearch, placeholder }: { value?: string; onSearch: (v: string) => void; placeholder: string }) {
  const [text, setText] = useState(value ?? "");
  useEffect(() => setText(value ?? ""), [value]);
  return (
    <Input.Search
      className="grow"
      allowClear
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        if (!e.target.value) onSearch("");
      }}
      onSearch={(v) => onSearch(v.trim())}
      placeholder={placeholder}
      enterButton
      aria-label={placeholder}
    />
  );
}
