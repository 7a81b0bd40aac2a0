import { RefObject, useState } from 'react';
import Button from '@material-ui/core/Button';
import { useTheme } from '@material-ui/core/styles';
import GetAppIcon from '@material-ui/icons/GetApp';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import {
  diagramFileName,
  diagramSvgDocument,
  saveFile,
  svgToPng,
} from './exportDiagram';

/** "Download SVG" and "Download PNG" of a drawn diagram, named after the pattern. */
export function DiagramDownload(props: {
  svgRef: RefObject<SVGSVGElement | null>;
  title: string;
}) {
  const { svgRef, title } = props;
  const theme = useTheme();
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);

  const download = async (format: 'svg' | 'png') => {
    if (!svgRef.current) return;
    setBusy(true);
    try {
      const document = await diagramSvgDocument(svgRef.current, {
        title,
        background: theme.palette.background.paper,
        color: theme.palette.text.primary,
      });
      const blob =
        format === 'svg'
          ? new Blob([document.markup], { type: 'image/svg+xml' })
          : await svgToPng(document);
      saveFile(blob, diagramFileName(title, format));
    } catch (error) {
      alertApi.post({
        message: `Could not export the diagram: ${(error as Error).message}`,
        severity: 'error',
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 8 }}>
      {(['svg', 'png'] as const).map(format => (
        <Button
          key={format}
          size="small"
          variant="outlined"
          startIcon={<GetAppIcon />}
          disabled={busy}
          onClick={() => download(format)}
        >
          Download {format.toUpperCase()}
        </Button>
      ))}
    </div>
  );
}
