import { Page, type Label, type SubstitutionContext } from 'deltaform'

const skies = ['Sunny', 'Cloudy', 'Rain', 'Fog', 'Snow', 'Wind']

export default class Cache extends Page {
  declare Zip: Label
  declare Forecast: Label
  declare RenderedAt: Label

  /** A Substitution method: static, runs for every answer, returns HTML (encode what you did not write). */
  static Now(_context: SubstitutionContext) {
    return new Date().toISOString().slice(11, 19)
  }

  async Page_Load() {
    const zip = /^\d{5}$/.test(this.request.url.searchParams.get('zip') ?? '') ? this.request.url.searchParams.get('zip')! : '98052'
    // The object cache: one "weather service" call per zip per 5 minutes, shared by every page.
    const forecast = await this.cache.getOrCreate(`forecast:${zip}`, () => skies[Number(zip) % skies.length]!, { absoluteMs: 300_000, tags: ['weather'] })
    this.Zip.text = zip
    this.Forecast.text = `${forecast}, ${10 + (Number(zip) % 20)} °C`
    this.RenderedAt.text = new Date().toISOString().slice(11, 23)
    this.response.cacheTags.add(`zip:${zip}`)
  }
}
