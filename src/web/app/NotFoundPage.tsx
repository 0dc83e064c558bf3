import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { EmptyBlock } from '../components/QueryStates.js';

export default function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <EmptyBlock
      title={t('notFound.title')}
      description={t('notFound.description')}
      action={
        <Button component={Link} to="/clients" variant="light">
          {t('notFound.action')}
        </Button>
      }
    />
  );
}
