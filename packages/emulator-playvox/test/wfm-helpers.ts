/** What the WFM emulator tests share: a token, and a JSON call with it. */
import { PLAYVOX_WFM_DEFAULT_CREDENTIALS, type PlayvoxWfmEmulator } from '@voxbridge/emulator-playvox';

/** A bearer token of the default access key (HTTP Basic at the token endpoint). */
export async function wfmToken(emu: PlayvoxWfmEmulator): Promise<string> {
  const { accessKeyId, secret } = PLAYVOX_WFM_DEFAULT_CREDENTIALS;
  const res = await fetch(`${emu.url}/api/authority/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${Buffer.from(`${accessKeyId}:${secret}`).toString('base64')}` },
  });
  return ((await res.json()) as { data: { accessToken: string } }).data.accessToken;
}

/** A JSON request with the bearer token; the answer's status and parsed body. */
export async function wfmCall(
  emu: PlayvoxWfmEmulator,
  token: string,
  method: string,
  path: string,
  body?: unknown,
  // biome-ignore lint/suspicious/noExplicitAny: tests read answers of many shapes
): Promise<{ status: number; json: any }> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}
