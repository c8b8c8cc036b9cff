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

/**
 * Calls a running server over HTTP with a bearer token; returns status, headers and the body, parsed
 * when JSON, else as bytes. The body is always read, so the server sees each request through.
 */
export async function callServer(
  baseUrl: string,
  method: string,
  path: string,
  options: { token?: string; json?: unknown; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.json !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.json === undefined ? undefined : JSON.stringify(options.json) });
  const type = response.headers.get('content-type') ?? '';
  const bytes = Buffer.from(await response.arrayBuffer());
  return { status: response.status, headers: response.headers, bytes, body: (type.includes('json') ? JSON.parse(bytes.toString('utf8')) : bytes) as any };
}

/** Uploads one file as a piece of a dossier over HTTP, as the portals do. */
export async function postPiece(baseUrl: string, token: string, nu: string, file: Buffer, fields: Record<string, string> = {}, name = 'piece.jpg') {
  const form = new FormData();
  form.set('file', new File([file], name, { type: 'application/octet-stream' }));
  for (const [key, value] of Object.entries(fields)) form.set(key, value);
  const response = await fetch(`${baseUrl}/v1/dossiers/${nu}/pieces`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  return { status: response.status, body: (await response.json()) as any };
}
