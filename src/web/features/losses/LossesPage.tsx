export default function LossesPage() {
  return null;
}
