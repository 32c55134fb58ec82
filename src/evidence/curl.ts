// A copy-paste reproduction of a request; the token becomes $TOKEN so the line is safe to share.

const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

export function curlLine(method: string, url: string, headers: Record<string, string>, body?: string): string {
  const parts = ['curl', '-sS', '-i', '-X', method.toUpperCase(), quote(url)];
  for (const [name, value] of Object.entries(headers)) {
    const shown = name.toLowerCase() === 'authorization' ? value.replace(/\s.*$/, ' $TOKEN') : value;
    parts.push('-H', name.toLowerCase() === 'authorization' ? `"${name}: ${shown}"` : quote(`${name}: ${shown}`));
  }
  if (body !== undefined) parts.push('--data-raw', quote(body));
  return parts.join(' ');
}
