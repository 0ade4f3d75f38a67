import { type HTMLElement, parse } from "node-html-parser";

/** One HTML form as a browser would submit it. */
export interface HtmlForm {
  method: "GET" | "POST";
  /** Absolute URL the form submits to (the page's own URL when `action` is empty or absent). */
  action: string;
  /** Successful controls in document order, before any button is pressed. */
  fields: Array<[string, string]>;
  /** Submit buttons: the one pressed adds its name=value when it has a name. */
  buttons: Array<{ name?: string; value: string; formaction?: string }>;
}

/** Finds the form matching `selector` on the page, or undefined when the page has none. */
export function findForm(html: string, pageUrl: string, selector = "form"): HtmlForm | undefined {
  const form = parse(html).querySelector(selector);
  if (form?.tagName !== "FORM") return undefined;
  return readForm(form, pageUrl);
}

function readForm(form: HTMLElement, pageUrl: string): HtmlForm {
  const fields: Array<[string, string]> = [];
  const buttons: HtmlForm["buttons"] = [];
  for (const control of form.querySelectorAll("input, button, textarea, select")) {
    const name = control.getAttribute("name");
    const tag = control.tagName;
    const type = (
      control.getAttribute("type") ?? (tag === "BUTTON" ? "submit" : "text")
    ).toLowerCase();
    if (control.hasAttribute("disabled")) continue;
    if ((tag === "INPUT" || tag === "BUTTON") && (type === "submit" || type === "image")) {
      buttons.push({
        ...(name ? { name } : {}),
        value: control.getAttribute("value") ?? (tag === "BUTTON" ? control.text : ""),
        ...(control.hasAttribute("formaction")
          ? { formaction: resolve(control.getAttribute("formaction"), pageUrl) }
          : {}),
      });
      continue;
    }
    if (!name || tag === "BUTTON" || type === "button" || type === "reset" || type === "file")
      continue;
    if ((type === "checkbox" || type === "radio") && !control.hasAttribute("checked")) continue;
    if (tag === "TEXTAREA") fields.push([name, control.text]);
    else if (tag === "SELECT") {
      const option = control.querySelector("option[selected]") ?? control.querySelector("option");
      if (option) fields.push([name, option.getAttribute("value") ?? option.text]);
    } else fields.push([name, control.getAttribute("value") ?? (type === "checkbox" ? "on" : "")]);
  }
  const method = (form.getAttribute("method") ?? "get").toUpperCase() === "POST" ? "POST" : "GET";
  return { method, action: resolve(form.getAttribute("action"), pageUrl), fields, buttons };
}

// An empty or missing action submits to the page's own URL, query included (HTML's form submission).
function resolve(action: string | undefined, pageUrl: string): string {
  return action ? new URL(action, pageUrl).href : new URL(pageUrl).href;
}

/** The request a browser sends for `form` with `values` typed in and the button `press` clicked. */
export function submission(
  form: HtmlForm,
  values: Record<string, string> = {},
  press?: string,
): { method: "GET" | "POST"; url: string; body: URLSearchParams } {
  const body = new URLSearchParams();
  const filled = new Set<string>();
  for (const [name, value] of form.fields) {
    if (name in values && !filled.has(name)) {
      body.append(name, values[name] as string);
      filled.add(name);
    } else if (!(name in values)) body.append(name, value);
  }
  for (const name of Object.keys(values)) {
    if (!filled.has(name)) throw new Error(`The form has no field "${name}"`);
  }
  const button =
    press === undefined
      ? form.buttons[0]
      : form.buttons.find((candidate) => candidate.value === press || candidate.name === press);
  if (press !== undefined && !button) throw new Error(`The form has no button "${press}"`);
  if (button?.name) body.append(button.name, button.value);
  const url = button?.formaction ?? form.action;
  if (form.method === "GET") {
    const target = new URL(url);
    target.search = body.toString();
    return { method: "GET", url: target.href, body: new URLSearchParams() };
  }
  return { method: "POST", url, body };
}
