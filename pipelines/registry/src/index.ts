export {
  inheritsLa,
  pipelineFor,
  pipelineNames,
  pipelines,
  pipelinesFedBy,
  pipelineTaking,
} from './registry.ts';
