/**
 * The people an application is about, by NIK: the applicant and every member of the family on it.
 * A citizen (whose login the identity provider binds to a NIK) may submit, see and act only where
 * their NIK is one of these. Tolerates malformed data: it runs before validation.
 */
export function applicationNiks(application: { applicant?: { nik?: unknown }; family?: { anggota?: unknown } }): string[] {
  const niks = new Set<string>();
  const add = (nik: unknown) => {
    if (typeof nik === 'string' && nik !== '') niks.add(nik);
  };
  add(application.applicant?.nik);
  const members = application.family?.anggota;
  if (Array.isArray(members)) for (const m of members) add((m as { nik?: unknown } | null)?.nik);
  return [...niks];
}

/** Is this NIK the applicant's or a family member's on the application? */
export function isPartyTo(nik: string | undefined, application: Parameters<typeof applicationNiks>[0]): boolean {
  return typeof nik === 'string' && nik !== '' && applicationNiks(application).includes(nik);
}
