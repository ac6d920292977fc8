/** The first fenced JavaScript block of a reply (or the whole reply when it has no fence). */
export function extractJavaScript(reply: string): string {
  const fenced = /```(?:javascript|js|typescript|ts)?[^\n]*\n([\s\S]*?)```/i.exec(reply);
  return (fenced?.[1] ?? reply).trim();
}
