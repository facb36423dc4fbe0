import { Page, type Label } from 'deltaform'

export default class CacheAdmin extends Page {
  declare Status: Label
  declare Stats: Label

  async InvalidateWeather_Click() {
    await this.cache.invalidate('weather')
    this.Status.text = `The "weather" tag was invalidated at ${new Date().toISOString().slice(11, 19)}.`
  }

  Page_PreRender() {
    const { hits, misses } = this.cache.stats()
    this.Stats.text = `Cache store since start: ${hits} hits, ${misses} misses.`
  }
}
