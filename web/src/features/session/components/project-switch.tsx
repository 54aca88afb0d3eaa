import { Select } from 'antd';
import { useI18n } from '../../../lib/i18n.tsx';
import { useMessageApi } from '../../../lib/message-api.tsx';
import { useProjectsQuery } from '../api/get-projects.ts';
import { useSwitchProjectMutation } from '../api/switch-project.ts';

export interface ProjectSwitchProps {
  current: string;
}

/**
 * The user's projects; choosing one moves the session there. Pages stay where they are and ask again: a cluster's
 * page of the old project then says the cluster is not found, as a bookmark to it would.
 */
export function ProjectSwitch({ current }: ProjectSwitchProps) {
  const { t } = useI18n();
  const message = useMessageApi();
  const projects = useProjectsQuery();
  const switchProject = useSwitchProjectMutation();
  const names = projects.data?.projects.map((p) => p.name) ?? [current];
  return (
    <Select
      aria-label={t('header.project')}
      // The page shows the current project until the switch is done: the new name never heads the old data.
      value={current}
      loading={projects.isPending || switchProject.isPending}
      disabled={switchProject.isPending}
      style={{ minWidth: 130 }}
      popupMatchSelectWidth={false}
      options={(names.includes(current) ? names : [current, ...names]).map((name) => ({
        value: name,
        label: name,
      }))}
      onChange={(project: string) =>
        switchProject.mutate(project, {
          onSuccess: (session) =>
            void message.success(t('header.projectSwitched', { project: session.project.name })),
          onError: (error) => void message.error(error.message),
        })
      }
    />
  );
}
