export default function ClientSurveysPanel(props: { clientId: number; writable: boolean }) {
  void props;
  return null;
}
