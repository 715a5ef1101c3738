import { useEffect, useState } from "preact/hooks";

/** The QR code as a data: image (the page's CSP allows data: images, not inline scripts). */
export function QrCode({ text, alt }: { text: string; alt: string }) {
  const [source, setSource] = useState<string | null>(null);
  useEffect(() => {
    let current = true;
    // Loaded on demand: only the page that shows a QR code pays for the encoder.
    import("qrcode")
      .then(({ toDataURL }) => toDataURL(text, { errorCorrectionLevel: "M", margin: 2, width: 320 }))
      .then((url) => {
        if (current) setSource(url);
      })
      .catch(() => {
        if (current) setSource(null);
      });
    return () => {
      current = false;
    };
  }, [text]);
  return source ? (
    <img class="qr" src={source} alt={alt} width={200} height={200} data-testid="join-qr" />
  ) : (
    <div class="qr qr-placeholder" aria-hidden="true" />
  );
}
