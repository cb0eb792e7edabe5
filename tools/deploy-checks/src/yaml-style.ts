import { ToStringOptions } from 'yaml';

/** How generated YAML is written: the way Prettier (this repository's config) leaves it. */
export const YAML_STYLE: ToStringOptions = { singleQuote: true, lineWidth: 0 };
