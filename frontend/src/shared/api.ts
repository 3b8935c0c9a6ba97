// JSON over HTTP with the project's error shape: {"error": {"code", "message"}}.

import type { AckError } from "./types";

export class ApiError extends Error {
  constructor(public code: string, message: string, public status: number) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: RequestInit & { token?: string; json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, body });
  } catch {
    throw new ApiError("network", "The server could not be reached.", 0);
  }
  if (!response.ok) {
    let error: AckError = { code: "http_" + response.status, message: response.statusText };
    try {
      const parsed = (await response.json()) as { error?: AckError };
      if (parsed.error) error = parsed.error;
    } catch {
      // not JSON: keep the status text
    }
    throw new ApiError(error.code, error.message, response.status);
  }
  const type = response.headers.get("Content-Type") ?? "";
  return (type.includes("json") ? await response.json() : await response.text()) as T;
}
