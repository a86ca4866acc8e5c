// A base_url may carry credentials in its userinfo (`https://user:pass@host/`): they are a secret like any key.

/** `url` as shown to the user: any userinfo replaced by `***` (`https://***@host/path`); text that is not a URL as is. */
export function displayUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^/?#\s]*@/i, '$1***@');
}

/** The secret parts of `url`'s userinfo (password, else a lone user name), raw and decoded, for the redactor to learn. */
export function urlUserinfoSecrets(url: string | undefined): string[] {
  const match = url ? /^[a-z][a-z0-9+.-]*:\/\/([^/?#\s]*)@/i.exec(url) : null;
  if (!match) return [];
  const colon = match[1].indexOf(':');
  const secret = colon >= 0 ? match[1].slice(colon + 1) : match[1];
  const forms = [secret];
  try {
    forms.push(decodeURIComponent(secret));
  } catch {
    // Not valid percent-encoding: the raw text is what would be echoed.
  }
  return [...new Set(forms)].filter((text) => text.length > 0);
}
