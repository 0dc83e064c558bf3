export default function PowerStructurePanel(props: { clientId: number; writable: boolean }) {
  void props;
  return null;
}
