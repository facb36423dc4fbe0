// The browser bundle's entry (built by build.ts, served at /__deltaform/client.<hash>.js).
import { install } from './install.ts'

install()
