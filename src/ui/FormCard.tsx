// A titled card around one form: the shape shared by the connection, subscription and publish panels.
import type { JSX, ParentProps } from 'solid-js';

export function FormCard(
  props: ParentProps<{
    /** Prefix for element ids; the title gets `${id}-title`. */
    id: string;
    title: string;
    onSubmit: () => void;
    /** Shown below the form, inside the card. */
    after?: JSX.Element;
  }>,
) {
  return (
    <section class="card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`} class="card-title">
        {props.title}
      </h2>
      <form
        class="form"
        novalidate
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
      </form>
      {props.after}
    </section>
  );
}
