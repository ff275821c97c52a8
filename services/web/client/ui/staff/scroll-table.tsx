import type { ComponentChildren } from 'preact';

/** A wide table that scrolls sideways on a narrow screen, reachable by keyboard (a named, focusable region). */
export function ScrollTable({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="tabel-gulir" role="region" aria-label={label} tabIndex={0}>
      <table class="tabel">{children}</table>
    </div>
  );
}
