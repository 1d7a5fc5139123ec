// A short, human device label from a User-Agent header ("Chrome on Linux"), for the sessions
// list on /account. Deliberately small: the browser family and the platform, nothing else;
// anything unrecognised is "Unknown browser" / "unknown system". Pure: no request APIs.

const BROWSERS: [RegExp, string][] = [
  [/\bEdg(?:e|A|iOS)?\//, "Edge"],
  [/\bOPR\/|\bOpera\b/, "Opera"],
  [/\bSamsungBrowser\//, "Samsung Internet"],
  [/\bFirefox\/|\bFxiOS\//, "Firefox"],
  [/\bHeadlessChrome\//, "Headless Chrome"],
  [/\bChrom(?:e|ium)\/|\bCriOS\//, "Chrome"],
  [/\bVersion\/[\d.]+.*\bSafari\//, "Safari"],
  [/\bcurl\//, "curl"],
];

const SYSTEMS: [RegExp, string][] = [
  [/\bAndroid\b/, "Android"],
  [/\biPhone\b|\biPod\b/, "iPhone"],
  [/\biPad\b/, "iPad"],
  [/\bCrOS\b/, "ChromeOS"],
  [/\bWindows\b/, "Windows"],
  [/\bMac OS X\b|\bMacintosh\b/, "macOS"],
  [/\bLinux\b|\bX11\b/, "Linux"],
];

export const UNKNOWN_BROWSER = "Unknown browser";
export const UNKNOWN_SYSTEM = "unknown system";

/** "Chrome on Linux", "Safari on iPhone", "Unknown browser on unknown system". */
export function deviceLabel(userAgent: string | null | undefined): string {
  const ua = (userAgent ?? "").slice(0, 512);
  const browser = BROWSERS.find(([re]) => re.test(ua))?.[1] ?? UNKNOWN_BROWSER;
  const system = SYSTEMS.find(([re]) => re.test(ua))?.[1] ?? UNKNOWN_SYSTEM;
  return `${browser} on ${system}`;
}
