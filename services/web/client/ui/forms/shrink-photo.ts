/**
 * A phone photo is often 12 MP and several MB: minutes on slow mobile data. A document stays legible
 * at 2000 px on its long side (A4 at about 240 dpi), so larger photos are redrawn at that size as
 * JPEG before they are sent. PDFs, small images and anything the browser cannot decode go as they are.
 */
export const LONG_SIDE_PX = 2000;

export async function shrinkPhoto(file: File): Promise<Blob> {
  if (!/^image\/(jpeg|png|webp)$/.test(file.type)) return file;
  const url = URL.createObjectURL(file);
  try {
    const img = new Image();
    img.src = url;
    await img.decode(); // the browser applies the photo's EXIF orientation
    const scale = LONG_SIDE_PX / Math.max(img.naturalWidth, img.naturalHeight);
    if (scale >= 1) return file;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(img.naturalWidth * scale);
    canvas.height = Math.round(img.naturalHeight * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) return file;
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    const jpeg = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return jpeg && jpeg.size < file.size ? jpeg : file;
  } catch {
    return file;
  } finally {
    URL.revokeObjectURL(url);
  }
}
