import type { ComponentChildren } from "preact";

type SmallButtonProps = {
  variant?: "primary" | "secondary" | "danger";
  testId?: string | undefined;
  /** The accessible name, where the visible text alone says too little (which poll, which option). */
  label?: string | undefined;
  disabled?: boolean | undefined;
  /** Only an icon shows: `label` names the button. */
  iconOnly?: boolean;
  onClick: () => void;
  children: ComponentChildren;
};

/** A small button of the polls' controls; type="button", so it never submits the form it stands in. */
export function SmallButton({
  variant = "secondary",
  testId,
  label,
  disabled,
  iconOnly = false,
  onClick,
  children,
}: SmallButtonProps) {
  return (
    <button
      type="button"
      class={`button small ${variant}${iconOnly ? " icon-button" : ""}`}
      aria-label={label}
      data-testid={testId}
      disabled={disabled}
      onClick={onClick}
    >
      {children}
    </button>
  );
}

/** A small button that shows only an arrow or a cross; its label says what it does. */
export function IconButton({
  icon,
  label,
  ...rest
}: Omit<SmallButtonProps, "variant" | "iconOnly" | "children" | "label"> & { icon: string; label: string }) {
  return (
    <SmallButton {...rest} label={label} iconOnly>
      <span aria-hidden="true">{icon}</span>
    </SmallButton>
  );
}
