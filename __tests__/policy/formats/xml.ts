/**
 * A strict, small XML reader for the JUnit tests (no XML parser ships with Node): elements,
 * attributes, text, the five predefined entities and character references, an XML declaration. It
 * throws on anything not well-formed in that subset: a raw `<` or stray `&` in text or attributes,
 * unquoted or duplicate attributes, mismatched or unclosed tags, characters XML 1.0 forbids, `]]>` in
 * text, content outside the root element.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Record<string, string>;
  readonly children: XmlElement[];
  /** Concatenated, decoded text directly inside the element. */
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (FORBIDDEN.test(raw)) throw new Error(`${where}: character not allowed in XML 1.0`);
  if (raw.includes('<')) throw new Error(`${where}: raw "<"`);
  return raw.replace(/&([^;]*);?/g, (whole, body: string) => {
    if (!whole.endsWith(';')) throw new Error(`${where}: "&" without ";"`);
    if (body in ENTITIES) return ENTITIES[body];
    const code = /^#x([0-9a-fA-F]+)$/.exec(body) ?? /^#([0-9]+)$/.exec(body);
    if (!code) throw new Error(`${where}: unknown entity &${body};`);
    return String.fromCodePoint(parseInt(code[1], body.startsWith('#x') ? 16 : 10));
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const fail = (what: string): never => {
    throw new Error(`XML offset ${i}: ${what}`);
  };
  const skipSpace = () => {
    while (i < xml.length && /\s/.test(xml[i])) i++;
  };
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) fail('unclosed XML declaration');
    i = end + 2;
  }
  skipSpace();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < xml.length) {
    if (xml[i] === '<') {
      if (xml[i + 1] === '/') {
        i += 2;
        const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad closing tag');
        i += name.length;
        skipSpace();
        if (xml[i] !== '>') fail('bad closing tag');
        i++;
        const open = stack.pop();
        if (!open || open.name !== name) fail(`</${name}> closes ${open ? `<${open.name}>` : 'nothing'}`);
        if (stack.length === 0) {
          skipSpace();
          if (i < xml.length) fail('content after the root element');
        }
        continue;
      }
      i++;
      const name = NAME.exec(xml.slice(i))?.[0] ?? fail('bad tag name');
      i += name.length;
      const element: XmlElement = { name, attributes: {}, children: [], text: '' };
      for (;;) {
        const before = i;
        skipSpace();
        if (xml.startsWith('/>', i) || xml[i] === '>') break;
        if (i === before) fail('attributes must be separated by spaces');
        const attribute = NAME.exec(xml.slice(i))?.[0] ?? fail('bad attribute name');
        i += attribute.length;
        if (xml[i] !== '=' || xml[i + 1] !== '"') fail(`attribute ${attribute} is not ="quoted"`);
        const end = xml.indexOf('"', i + 2);
        if (end < 0) fail('unclosed attribute value');
        if (attribute in element.attributes) fail(`duplicate attribute ${attribute}`);
        element.attributes[attribute] = decode(xml.slice(i + 2, end), `attribute ${attribute}`);
        i = end + 1;
      }
      if (stack.length > 0) stack[stack.length - 1].children.push(element);
      else if (root) fail('second root element');
      else root = element;
      if (xml.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) skipSpace();
      } else {
        i++;
        stack.push(element);
      }
      continue;
    }
    const next = xml.indexOf('<', i);
    const raw = xml.slice(i, next < 0 ? xml.length : next);
    if (stack.length === 0) fail('text outside the root element');
    if (raw.includes(']]>')) fail('"]]>" in text');
    stack[stack.length - 1].text += decode(raw, `text in <${stack[stack.length - 1].name}>`);
    i += raw.length;
  }
  if (stack.length > 0) fail(`<${stack[stack.length - 1].name}> is not closed`);
  return root ?? fail('no root element');
}

/** Child elements with a name, in order. */
export function childrenNamed(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}
