// Starts GOV.UK Frontend's components (error summary focus, details, header, ...).
import { initAll } from "../govuk/govuk-frontend.min.js";

initAll();
