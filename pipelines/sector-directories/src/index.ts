export { directorySeeds, sectorDirectoriesPipeline, sectorDirectoriesScope } from './pipeline.ts';
