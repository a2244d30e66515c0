import { useEffect, useId, useState } from 'react';
import type { ConsoleProductView } from '../../../shared/console/catalogue';
import { useApi } from '../session/session-context';

export interface PickedProduct {
  id: string;
  name: string;
  sku: string;
  priceCents: number;
  /** How it is counted: a weighed product's quantity is typed in its unit, its price is per unit. */
  unit: ConsoleProductView['unit'];
  quantityDecimals: number;
}

/** Typing waits this long before asking the server, so a word typed quickly is one search. */
const DEBOUNCE_MS = 200;

/**
 * A product field with suggestions from the catalogue as the manager types (name, SKU, barcode or
 * category). A combobox in the ARIA pattern: arrows move through the suggestions, Enter picks one.
 */
export function ProductPicker(props: {
  label: string;
  noMatch: string;
  picked: PickedProduct | null;
  onPick: (p: PickedProduct | null) => void;
  formatPrice: (cents: number) => string;
}) {
  const { label, noMatch, picked, onPick, formatPrice } = props;
  const api = useApi();
  const id = useId();
  const [text, setText] = useState(picked?.name ?? '');
  // null while the suggestions for what was typed are still on their way.
  const [options, setOptions] = useState<PickedProduct[] | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  useEffect(() => {
    setOptions(null);
    if (!open || text.trim().length < 2) return;
    const abort = new AbortController();
    const timer = setTimeout(() => {
      api
        .get<{ items: ConsoleProductView[] }>('/api/console/products', { query: text.trim(), limit: 8 }, abort.signal)
        .then((page) => {
          setOptions(
            page.items.map((p) => ({
              id: p.id,
              name: p.name,
              sku: p.sku,
              priceCents: p.priceCents,
              unit: p.unit,
              quantityDecimals: p.quantityDecimals,
            })),
          );
          setActive(0);
        })
        .catch(() => {
          if (!abort.signal.aborted) setOptions([]);
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      abort.abort();
    };
  }, [api, text, open]);
  const choose = (p: PickedProduct) => {
    onPick(p);
    setText(p.name);
    setOpen(false);
  };
  const showList = open && text.trim().length >= 2 && options !== null;
  return (
    <div className="field picker">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        role="combobox"
        autoComplete="off"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={`${id}-list`}
        aria-activedescendant={showList && options?.[active] ? `${id}-${active}` : undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
          if (picked) onPick(null);
        }}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((a) => Math.min((options?.length ?? 1) - 1, a + 1));
          else if (e.key === 'ArrowUp') setActive((a) => Math.max(0, a - 1));
          else if (e.key === 'Enter' && showList && options?.[active]) choose(options[active]);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {showList && (
        <ul id={`${id}-list`} role="listbox" aria-label={label} className="picker-list">
          {options?.length === 0 && <li className="hint">{noMatch}</li>}
          {options?.map((p, i) => (
            <li
              key={p.id}
              id={`${id}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => choose(p)}
            >
              {p.name} · {p.sku} · {formatPrice(p.priceCents)}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
