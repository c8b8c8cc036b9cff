import type { createApp } from '../../services/app.ts';

type App = ReturnType<typeof createApp>;

/** Calls the app in-process (no socket) with a bearer token; returns status and parsed body. */
export async function call(app: App, method: string, path: string, options: { token?: string; json?: unknown; body?: string; contentType?: string } = {}) {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.body;
  if (options.json !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.json);
  } else if (options.contentType) headers['content-type'] = options.contentType;
  const response = await app.request(path, { method, headers, body });
  const text = await response.text();
  const type = response.headers.get('content-type') ?? '';
  return { status: response.status, type, body: (type.includes('json') ? JSON.parse(text) : text) as any };
}
