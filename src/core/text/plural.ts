// Counted nouns for messages: "1 group", "3 groups" — never "group(s)".

/** "1 request", "3 requests"; `many` for irregular plurals ("1 of them is", "2 of them are"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
