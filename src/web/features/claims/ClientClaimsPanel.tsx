export default function ClientClaimsPanel(props: { clientId: number; writable: boolean }) {
  void props;
  return null;
}
