// A button that shows or hides the section it controls (rendered by the caller only while open).
export function Disclosure(props: {
  /** The id of the section it controls. */
  controls: string;
  label: string;
  open: boolean;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      class="btn small ghost disclosure"
      aria-expanded={props.open}
      aria-controls={props.controls}
      onClick={() => props.onToggle()}
    >
      <span aria-hidden="true">{props.open ? '▾' : '▸'}</span> {props.label}
    </button>
  );
}
