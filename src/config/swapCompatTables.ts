/**
 * Moves one `[[providers.openai_compat]]` table past its neighbour, keeping every other line (comments included)
 * where it was. Only those tables have a user-chosen order: every other provider has a fixed place.
 * `index` counts openai_compat tables from 0; returns undefined when there is no neighbour that way.
 */
export function swapCompatTables(text: string, index: number, direction: -1 | 1): string | undefined {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const headers: number[] = [];
  const anyHeader: number[] = [];
  lines.forEach((line, number) => {
    if (/^\s*\[/.test(line)) anyHeader.push(number);
    if (/^\s*\[\[\s*providers\.openai_compat\s*\]\]/.test(line)) headers.push(number);
  });
  const other = index + direction;
  if (index < 0 || index >= headers.length || other < 0 || other >= headers.length) return undefined;
  const block = (start: number): [number, number] => {
    const next = anyHeader.find((line) => line > start) ?? lines.length;
    let end = next;
    // Comments and blank lines just above the next table belong to that table.
    while (end - 1 > start && /^\s*(#.*)?$/.test(lines[end - 1])) end--;
    return [start, end];
  };
  const [first, second] =
    index < other ? [block(headers[index]), block(headers[other])] : [block(headers[other]), block(headers[index])];
  const result = [
    ...lines.slice(0, first[0]),
    ...lines.slice(second[0], second[1]),
    ...lines.slice(first[1], second[0]),
    ...lines.slice(first[0], first[1]),
    ...lines.slice(second[1]),
  ];
  return result.join(eol);
}
