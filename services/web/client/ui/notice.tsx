export function Notice({ title, text, link }: { title: string; text: string; link?: string }) {
  return (
    <section class="kartu">
      <h1>{title}</h1>
      <p>{text}</p>
      {link && (
        <p>
          <a href={link}>Kembali</a>
        </p>
      )}
    </section>
  );
}
