/**
 * Errors worded in the window's language from their code and params (never from the core's
 * English message, which is kept only as a technical detail).
 */
import type { ApiError } from "./bindings/ApiError";
import { groupThousands } from "./format";
import { hasKey, locale, t } from "./i18n";
import { keyLabel } from "./sources";

type Params = { [key in string]?: string };

/** A number of bytes as people read it: "52 MB", "900 kB". */
export function formatBytes(text: string | undefined): string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text ?? "";
  const comma = (x: number) => {
    const s = x >= 10 ? String(Math.round(x)) : x.toFixed(1).replace(/\.0$/, "");
    return locale() === "en" ? s : s.replace(".", ",");
  };
  if (n >= 1_000_000) return `${comma(n / 1_000_000)} MB`;
  if (n >= 1_000) return `${comma(n / 1_000)} kB`;
  return `${groupThousands(n)} bytes`;
}

/** Why a file could not be imported, from the reason's code (`too-large`) and its params. */
export function importReasonText(code: string, params: Params = {}): string {
  const key = `reason.${code}`;
  if (!hasKey(key)) return t("reason.unknown");
  const vars: Params = { ...params };
  if (params.size !== undefined) vars.size = formatBytes(params.size);
  if (params.limit !== undefined) vars.limit = formatBytes(params.limit);
  if (params.limit_s !== undefined && locale() === "nl") vars.limit_s = params.limit_s.replace(".", ",");
  return t(key, vars);
}

function fileLabel(path: string | undefined): string {
  if (!path) return "";
  const parts = path.split(/[\\/]/).filter((p) => p !== "");
  return parts.length > 0 ? parts[parts.length - 1] : path;
}

/** The error in the window's language: one sentence for people. */
export function errorText(error: ApiError): string {
  const p: Params = error.params ?? {};
  const rule = p.rule;
  if (rule !== undefined && error.code !== "not-granted") {
    const key = `error.${error.code}.${rule}`;
    // A source's key is named as the Bronnen page names it ("NotuBiz-organisatienummer").
    const vars = rule === "source-key" ? { ...p, value: keyLabel(p.value ?? "") } : p;
    if (hasKey(key)) return t(key, vars);
  }
  const code = error.code;
  switch (code) {
    case "not-granted": {
      const key = `error.not-granted.${rule ?? ""}`;
      return hasKey(key) ? t(key, { file: fileLabel(p.file) }) : t("error.not-granted");
    }
    case "import-failed":
      return t("error.import-failed", {
        file: fileLabel(p.file),
        reason: importReasonText(p.reason ?? "", p),
      });
    case "not-found": {
      if (p.what === undefined) return t("error.not-found.plain");
      const whatKey = `error.what.${p.what}`;
      const what = hasKey(whatKey) ? t(whatKey) : t("error.what.record");
      return t("error.not-found", { what, id: p.id ?? "" });
    }
    case "archive-unavailable":
      return t("error.archive-unavailable", { path: p.path ?? "" });
    case "invalid-query":
    case "invalid-input":
    case "storage":
    case "index":
    case "io":
    case "sync":
    case "cancelled":
    case "nothing-to-undo":
    case "undo-blocked":
    case "internal":
    case "ipc":
      return t(`error.${code}`, p);
    default:
      return unknownCode(code);
  }
}

/**
 * A code this window has no case for: one a newer app sends. Typed `never`, so that a code
 * added to the app's `ErrorCode` or `ShellCode` without its case above fails the type check.
 */
function unknownCode(code: never): string {
  void code;
  return t("error.generic");
}
